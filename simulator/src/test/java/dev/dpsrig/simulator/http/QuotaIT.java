package dev.dpsrig.simulator.http;

import static dev.dpsrig.simulator.http.DpsAssertions.assertDpsError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dpsrig.emulator.client.ServiceApiClient;
import dev.dpsrig.emulator.client.ServiceApiException;
import dev.dpsrig.protocol.settings.ServiceConnectionString;
import dev.dpsrig.emulator.client.ServiceTrust;
import dev.dpsrig.simulator.dps.MutableClock;
import dev.dpsrig.simulator.quota.QuotaProfile.Quota;
import dev.dpsrig.simulator.quota.QuotaProfile;
import dev.dpsrig.simulator.quota.Rate;
import dev.dpsrig.simulator.server.LocalSimulator;
import dev.dpsrig.simulator.server.SimulatorConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Quota profiles over real HTTPS, with the simulator's clock moved by hand: a burst above a quota
 * gets 429s with an integer {@code Retry-After} and the endpoint's error body, and the calls
 * accepted over a window are the profile's rate, give or take the bucket's burst.
 */
class QuotaIT {
    private final MutableClock clock = new MutableClock(Instant.now());
    private LocalSimulator simulator;
    private DeviceHttp http;

    private void start(String profile) {
        simulator = LocalSimulator.start(SimulatorConfig.builder().assignmentDelay(Duration.ZERO).clock(clock)
                .quotaProfile(QuotaProfile.parse(profile)).build());
        http = new DeviceHttp(simulator);
    }

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void aBurstAboveTheRegistrationQuotaIsThrottledAndTheBucketRefillsAtTheProfileRate() {
        start("registrations=10/min");
        List<String> devices = IntStream.rangeClosed(1, 21).mapToObj(i -> String.format("device-%02d", i)).toList();
        devices.forEach(http::enroll);

        List<DeviceHttp.Answer> burst = devices.subList(0, 15).stream().map(http::register).toList();

        assertThat(burst.subList(0, 10)).extracting(DeviceHttp.Answer::status).containsOnly(202);
        assertThat(burst.subList(10, 15)).allSatisfy(throttled -> {
            assertDpsError(throttled.asCurl(), 429, 429001, "quota exceeded: registrations 10/min");
            int retryAfter = Integer.parseInt(throttled.header("Retry-After").orElseThrow());
            assertThat(retryAfter).as("a token comes back every 60 s / 10").isEqualTo(6);
        });
        assertThat(simulator.service().registrations()).hasSize(10);
        assertThat(simulator.faults().records()).as("quotas are not faults").isEmpty();

        clock.advance(Duration.ofSeconds(30));
        List<Integer> afterHalfAMinute = devices.subList(15, 21).stream().map(device -> http.register(device).status()).toList();

        assertThat(afterHalfAMinute).as("30 s at 10/min refill 5 tokens").containsExactly(202, 202, 202, 202, 202, 429);
    }

    @Test
    void pollsAreLimitedPerDevice() {
        start("polls=5/10s");
        http.enroll("poller");
        http.enroll("quiet");
        String pollerOperation = http.register("poller").json().getString("operationId");
        String quietOperation = http.register("quiet").json().getString("operationId");

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            statuses.add(http.lookup("poller", pollerOperation).status());
        }
        DeviceHttp.Answer sixth = http.lookup("poller", pollerOperation);

        assertThat(statuses).containsOnly(200);
        assertDpsError(sixth.asCurl(), 429, 429001, "quota exceeded: polls 5/10s");
        assertThat(sixth.header("Retry-After")).as("a token comes back every 10 s / 5").contains("2");
        assertThat(http.lookup("quiet", quietOperation).status()).as("another device has its own bucket").isEqualTo(200);

        clock.advance(Duration.ofSeconds(2));
        assertThat(http.lookup("poller", pollerOperation).status()).isEqualTo(200);
        assertThat(http.lookup("poller", pollerOperation).status()).isEqualTo(429);
    }

    @Test
    void deviceToCloudSendsAreLimitedPerHub() {
        start("d2c=3/s");
        http.provision("hub-dev-a");
        http.provision("hub-dev-b");

        List<Integer> first = List.of("hub-dev-a", "hub-dev-a", "hub-dev-b").stream()
                .map(device -> http.send(device, "reading").status()).toList();
        DeviceHttp.Answer throttled = http.send("hub-dev-a", "one too many");
        DeviceHttp.Answer otherDevice = http.send("hub-dev-b", "same hub, same bucket");

        assertThat(first).containsExactly(204, 204, 204);
        FaultInjectionIT.assertHubError(throttled, 429, 429001, "ThrottlingException");
        assertThat(throttled.header("Retry-After")).contains("1");
        FaultInjectionIT.assertHubError(otherDevice, 429, 429001, "ThrottlingException");

        clock.advance(Duration.ofSeconds(1));
        List<Integer> second = List.of("hub-dev-b", "hub-dev-a", "hub-dev-b", "hub-dev-a").stream()
                .map(device -> http.send(device, "later").status()).toList();
        assertThat(second).containsExactly(204, 204, 204, 429);
        assertThat(simulator.iotHubs().getFirst().messages()).hasSize(6);
    }

    @Test
    void cloudToDeviceReceivesAreLimitedPerHub() {
        start("c2d-receives=2/s");
        http.provision("c2d-dev");

        assertThat(http.receive("c2d-dev").status()).isEqualTo(204);
        assertThat(http.receive("c2d-dev").status()).isEqualTo(204);
        FaultInjectionIT.assertHubError(http.receive("c2d-dev"), 429, 429001, "ThrottlingException");
    }

    @Test
    void azureS1IsTheDocumentedLimits() {
        QuotaProfile s1 = QuotaProfile.parse("azure-s1");

        assertThat(s1.rates()).containsOnlyKeys(Quota.values());
        assertThat(s1.rate(Quota.REGISTRATIONS)).contains(new Rate(1000, Duration.ofMinutes(1)));
        assertThat(s1.rate(Quota.OPERATIONS)).contains(new Rate(1000, Duration.ofMinutes(1)));
        assertThat(s1.rate(Quota.POLLS)).contains(new Rate(5, Duration.ofSeconds(10)));
        assertThat(s1.rate(Quota.D2C)).contains(new Rate(100, Duration.ofSeconds(1)));
        assertThat(s1.rate(Quota.C2D_RECEIVES).orElseThrow().perSecond()).isCloseTo(16.67, Assertions.within(0.01));
    }

    @Test
    void theProfileCanBeReadAndReplacedThroughTheAdminApi() {
        start("off");
        List.of("dev-1", "dev-2", "dev-3").forEach(http::enroll);
        try (ServiceApiClient api = new ServiceApiClient(ServiceConnectionString.parse(simulator.serviceConnectionString()),
                ServiceTrust.only(List.of(simulator.trustedRoot())))) {
            assertThat(api.quotaProfile()).isEqualTo(FaultInjectionIT.json("{'profile':'off','quotas':{}}"));

            assertThat(api.setQuotaProfile("azure-s1")).isEqualTo(FaultInjectionIT.json("{'profile':'azure-s1','quotas':{"
                    + "'registrations':'1000/min','operations':'1000/min','polls':'5/10s','d2c':'100/s','c2d-receives':'16.6667/s'}}"));
            assertThat(simulator.quotaProfile().name()).isEqualTo("azure-s1");

            api.setQuotaProfile("registrations=2/min");
            assertThat(api.quotaProfile().getJsonObject("quotas")).isEqualTo(FaultInjectionIT.json("{'registrations':'2/min'}"));
            assertThat(List.of("dev-1", "dev-2", "dev-3").stream().map(device -> http.register(device).status()).toList())
                    .containsExactly(202, 202, 429);

            Assertions.assertThatThrownBy(() -> api.setQuotaProfile("registrations=ten/min"))
                    .isInstanceOfSatisfying(ServiceApiException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.serviceMessage()).contains("'ten' is not a number");
                    });
            Assertions.assertThatThrownBy(() -> api.setQuotaProfile("polls=5/0.5ms"))
                    .isInstanceOfSatisfying(ServiceApiException.class, e -> {
                        assertThat(e.status()).as("a period that is no whole number of ms is the caller's mistake").isEqualTo(400);
                        assertThat(e.serviceMessage()).contains("period '0.5ms' is not a whole number of milliseconds");
                    });
            assertThat(simulator.quotaProfile().rates()).as("a refused profile changes nothing")
                    .isEqualTo(Map.of(Quota.REGISTRATIONS, new Rate(2, Duration.ofMinutes(1))));
        }
    }
}
