package dev.dpsrig.simulator.http;

import static dev.dpsrig.simulator.http.DpsAssertions.assertDpsError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.dpsrig.certs.TlsContexts;
import dev.dpsrig.emulator.client.ServiceApiClient;
import dev.dpsrig.emulator.client.ServiceApiException;
import dev.dpsrig.protocol.settings.ServiceConnectionString;
import dev.dpsrig.emulator.client.ServiceTrust;
import dev.dpsrig.simulator.dps.MutableClock;
import dev.dpsrig.simulator.fault.Endpoint;
import dev.dpsrig.simulator.fault.Fault;
import dev.dpsrig.simulator.fault.FaultRecord;
import dev.dpsrig.simulator.fault.FaultRule;
import dev.dpsrig.simulator.fault.FaultRules;
import dev.dpsrig.simulator.hub.SimulatedHub;
import dev.dpsrig.simulator.server.LocalSimulator;
import dev.dpsrig.simulator.server.SimulatorConfig;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.stream.JsonParsingException;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Every fault kind and trigger form against the JDK HTTP client over real HTTPS: what the client
 * gets on the wire is what the rule said, and the plan's record names the rule, the endpoint, the
 * device and the device's call number. Rules are armed in-process, or through the admin API.
 */
class FaultInjectionIT {
    private static final String DEVICE = "sensor-1";

    private MutableClock clock;
    private LocalSimulator simulator;
    private DeviceHttp http;

    @BeforeEach
    void start() {
        clock = new MutableClock(Instant.now());
        simulator = LocalSimulator.start(SimulatorConfig.builder().assignmentDelay(Duration.ZERO).clock(clock).build());
        http = new DeviceHttp(simulator);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Nested
    class Kinds {
        @Test
        void throttleOnDpsEndpointsIs429WithRetryAfterAndTheDpsErrorBody() {
            http.provision(DEVICE);
            arm("{'id':'slow-down','endpoint':'register','device':'sensor-1','kind':'throttle','retryAfter':7}");
            arm("{'id':'slow-lookups','endpoint':'operation-lookup','device':'sensor-1','kind':'throttle','retryAfter':3}");
            arm("{'id':'slow-status','endpoint':'status-lookup','device':'sensor-1','kind':'throttle','retryAfter':0}");

            DeviceHttp.Answer register = http.register(DEVICE);
            assertDpsError(register.asCurl(), 429, 429001, "injected fault, register");
            assertThat(register.header("Retry-After")).contains("7");

            DeviceHttp.Answer lookup = http.lookup(DEVICE, "5.0123456789abcdef.00000000-0000-0000-0000-000000000000");
            assertDpsError(lookup.asCurl(), 429, 429001, "injected fault, operation-lookup");
            assertThat(lookup.header("Retry-After")).contains("3");

            DeviceHttp.Answer status = http.status(DEVICE);
            assertDpsError(status.asCurl(), 429, 429001, "injected fault, status-lookup");
            assertThat(status.header("Retry-After")).contains("0");

            assertRecords(
                    tuple("slow-down", Endpoint.REGISTER, DEVICE, 1L),
                    tuple("slow-lookups", Endpoint.OPERATION_LOOKUP, DEVICE, 1L),
                    tuple("slow-status", Endpoint.STATUS_LOOKUP, DEVICE, 1L));
            assertThat(simulator.faults().records()).extracting(FaultRecord::fault)
                    .containsExactly(new Fault.Throttle(7), new Fault.Throttle(3), new Fault.Throttle(0));
        }

        @Test
        void throttleOnHubSendIs429InTheHubErrorFormatAndTheMessageIsNotKept() {
            http.provision(DEVICE);
            arm("{'id':'hub-busy','endpoint':'hub-send','kind':'throttle','retryAfter':2}");

            DeviceHttp.Answer sent = http.send(DEVICE, "temperature 21");

            assertHubError(sent, 429, 429001, "ThrottlingException");
            assertThat(sent.header("Retry-After")).contains("2");
            assertThat(hub().messages(DEVICE)).isEmpty();
            assertRecords(tuple("hub-busy", Endpoint.HUB_SEND, DEVICE, 1L));
        }

        @Test
        void serverError500InTheDpsAndTheHubFormat() {
            http.provision(DEVICE);
            arm("{'id':'dps-500','endpoint':'register','kind':'server-error','status':500}");
            arm("{'id':'hub-500','endpoint':'hub-send','kind':'server-error','status':500}");

            DeviceHttp.Answer register = http.register(DEVICE);
            assertDpsError(register.asCurl(), 500, 500001, "injected fault, register");
            assertThat(register.header("Retry-After")).isEmpty();

            assertHubError(http.send(DEVICE, "x"), 500, 500001, "ServerError");
            assertThat(hub().messages(DEVICE)).isEmpty();

            assertRecords(tuple("dps-500", Endpoint.REGISTER, DEVICE, 1L), tuple("hub-500", Endpoint.HUB_SEND, DEVICE, 1L));
        }

        @Test
        void serverError503InTheDpsAndTheHubFormat() {
            http.provision(DEVICE);
            arm("{'id':'dps-503','endpoint':'status-lookup','kind':'server-error','status':503}");
            arm("{'id':'hub-503','endpoint':'hub-c2d','kind':'server-error'}");

            assertDpsError(http.status(DEVICE).asCurl(), 503, 503001, "injected fault, status-lookup");
            assertHubError(http.receive(DEVICE), 503, 503001, "ServiceUnavailable");

            assertRecords(tuple("dps-503", Endpoint.STATUS_LOOKUP, DEVICE, 1L), tuple("hub-503", Endpoint.HUB_C2D, DEVICE, 1L));
            assertThat(simulator.faults().records()).extracting(FaultRecord::fault)
                    .containsExactly(new Fault.ServerError(503), new Fault.ServerError(503));
        }

        @Test
        void delayServesTheSameAnswerAfterTheDelay() {
            http.provision(DEVICE);
            DeviceHttp.Answer prompt = http.status(DEVICE);
            assertThat(prompt.status()).as(prompt.describe()).isEqualTo(200);
            arm("{'id':'lag','endpoint':'status-lookup','device':'sensor-1','kind':'delay','delayMillis':700}");

            long started = System.nanoTime();
            DeviceHttp.Answer delayed = http.status(DEVICE);
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

            assertThat(tookMillis).isGreaterThanOrEqualTo(700);
            assertThat(delayed.status()).as(delayed.describe()).isEqualTo(200);
            assertThat(delayed.header("Content-Type")).contains(JsonResponses.JSON);
            assertThat(delayed.json()).isEqualTo(prompt.json());
            assertRecords(tuple("lag", Endpoint.STATUS_LOOKUP, DEVICE, 1L));
        }

        @Test
        void dropConnectionAfterTheRequestLeavesTheClientWithoutAnAnswer() {
            http.enroll(DEVICE);
            arm("{'id':'cut','endpoint':'register','device':'sensor-1','kind':'drop-connection','at':'after-request'}");

            assertThatThrownBy(() -> http.exchange(http.registerRequest(DEVICE))).isInstanceOf(IOException.class);

            assertRecords(tuple("cut", Endpoint.REGISTER, DEVICE, 1L));
            assertThat(simulator.service().registrations()).as("the register never reached DPS").isEmpty();
        }

        @Test
        void dropConnectionMidResponseCutsTheBodyShort() throws IOException {
            http.enroll(DEVICE);
            arm("{'id':'cut-short','endpoint':'register','device':'sensor-1','kind':'drop-connection','at':'mid-response'}");

            DeviceHttp.Raw answer = http.raw(http.registerRequest(DEVICE), DpsClient.registrationBody(DEVICE));

            assertThat(answer.status()).as(answer.head()).isEqualTo(202);
            int promised = Integer.parseInt(answer.header("Content-Length").orElseThrow());
            String received = new String(answer.body(), StandardCharsets.UTF_8);
            assertThat(received).as("the body, cut short: %d of %d bytes", answer.body().length, promised)
                    .startsWith("{\"operationId\":").hasSizeLessThan(promised);
            assertThatThrownBy(() -> Json.createReader(new StringReader(received)).readObject()).isInstanceOf(JsonParsingException.class);
            assertThatThrownBy(() -> http.exchange(http.registerRequest(DEVICE))).as("the JDK client sees the answer end early")
                    .isInstanceOf(IOException.class);
            assertRecords(tuple("cut-short", Endpoint.REGISTER, DEVICE, 1L), tuple("cut-short", Endpoint.REGISTER, DEVICE, 2L));
        }

        @Test
        void truncatedJsonIsTheFirstHalfOfTheRealAnswer() {
            http.enroll(DEVICE);
            DeviceHttp.Answer accepted = http.register(DEVICE);
            String operationId = accepted.json().getString("operationId");
            DeviceHttp.Answer whole = http.await(DEVICE, operationId);
            assertThat(whole.status()).as(whole.describe()).isEqualTo(200);
            arm("{'id':'half','endpoint':'operation-lookup','device':'sensor-1','kind':'malformed-answer',"
                    + "'malformation':'truncated-json','calls':'1'}");

            DeviceHttp.Answer damaged = http.lookup(DEVICE, operationId);

            assertThat(damaged.status()).isEqualTo(200);
            assertThat(damaged.header("Content-Type")).contains(JsonResponses.JSON);
            assertThat(damaged.header("Content-Length")).contains(Integer.toString(damaged.body().length));
            assertThat(damaged.body()).hasSize(whole.body().length / 2)
                    .isEqualTo(Arrays.copyOf(whole.body(), whole.body().length / 2));
            assertThatThrownBy(damaged::json).isInstanceOf(JsonParsingException.class);
            DeviceHttp.Answer again = http.lookup(DEVICE, operationId);
            assertThat(again.text()).as("the rule struck only the 1st lookup").isEqualTo(whole.text());
            assertRecords(tuple("half", Endpoint.OPERATION_LOOKUP, DEVICE, 1L));
        }

        @Test
        void missingOperationIdIsA202WithoutOne() {
            http.enroll(DEVICE);
            arm("{'id':'no-op-id','endpoint':'register','kind':'malformed-answer','malformation':'missing-operation-id'}");

            DeviceHttp.Answer accepted = http.register(DEVICE);

            assertThat(accepted.status()).as(accepted.describe()).isEqualTo(202);
            assertThat(accepted.json()).doesNotContainKey("operationId");
            assertThat(accepted.json().getString("status")).isEqualTo("assigning");
            assertThat(Integer.parseInt(accepted.header("Retry-After").orElseThrow())).isPositive();
            assertRecords(tuple("no-op-id", Endpoint.REGISTER, DEVICE, 1L));
        }

        @Test
        void nonIntegerRetryAfterOnA202() {
            http.enroll(DEVICE);
            arm("{'id':'fractional','endpoint':'register','kind':'malformed-answer','malformation':'non-integer-retry-after'}");

            DeviceHttp.Answer accepted = http.register(DEVICE);

            assertThat(accepted.status()).as(accepted.describe()).isEqualTo(202);
            String retryAfter = accepted.header("Retry-After").orElseThrow();
            assertThatThrownBy(() -> Integer.parseInt(retryAfter)).isInstanceOf(NumberFormatException.class);
            assertThat(accepted.json().getString("operationId")).isNotBlank();
            assertThat(accepted.json().getString("status")).isEqualTo("assigning");
            assertRecords(tuple("fractional", Endpoint.REGISTER, DEVICE, 1L));
        }

        @Test
        void authenticationErrorRefusesAValidTokenOnDpsAndOnTheHub() {
            http.provision(DEVICE);
            arm("{'id':'deny-dps','endpoint':'register','kind':'authentication-error','calls':'1'}");
            arm("{'id':'deny-hub','endpoint':'hub-send','kind':'authentication-error','calls':'1'}");

            assertDpsError(http.register(DEVICE).asCurl(), 401, 401002, "authentication failed (injected fault, register)");
            assertHubError(http.send(DEVICE, "x"), 401, 401002, "IotHubUnauthorizedAccess");

            DeviceHttp.Answer accepted = http.register(DEVICE);
            assertThat(accepted.status()).as("the same valid token, the rule spent: " + accepted.describe()).isEqualTo(202);
            assertThat(http.send(DEVICE, "y").status()).isEqualTo(204);
            assertRecords(tuple("deny-dps", Endpoint.REGISTER, DEVICE, 1L), tuple("deny-hub", Endpoint.HUB_SEND, DEVICE, 1L));
        }

        @Test
        void assignmentFailedEndsTheOperationFailedAndTheServiceApiAgrees() {
            http.enroll(DEVICE);
            arm("{'id':'refused','endpoint':'register','device':'sensor-1','kind':'assignment-failed',"
                    + "'errorCode':400209,'errorMessage':'the hub refused the device (test)'}");

            DeviceHttp.Answer outcome = http.registerAndAwait(DEVICE);

            assertThat(outcome.status()).as(outcome.describe()).isEqualTo(200);
            assertThat(outcome.json().getString("status")).isEqualTo("failed");
            JsonObject state = outcome.json().getJsonObject("registrationState");
            assertThat(state.getString("status")).isEqualTo("failed");
            assertThat(state.getInt("errorCode")).isEqualTo(400209);
            assertThat(state.getString("errorMessage")).isEqualTo("the hub refused the device (test)");
            assertThat(state).doesNotContainKey("assignedHub");
            try (ServiceApiClient api = serviceApi()) {
                JsonObject record = api.registration(DEVICE).toJson();
                assertThat(record.getString("status")).isEqualTo("failed");
                assertThat(record.getInt("errorCode")).isEqualTo(400209);
                assertThat(record.getString("errorMessage")).isEqualTo("the hub refused the device (test)");
            }
            assertThat(hub().device(DEVICE)).isEmpty();
            assertRecords(tuple("refused", Endpoint.REGISTER, DEVICE, 1L));
        }

        @Test
        void keepAssigningAnswersAssigningToThatManyLookups() {
            http.enroll(DEVICE);
            arm("{'id':'hold','endpoint':'register','kind':'keep-assigning','polls':3}");
            DeviceHttp.Answer accepted = http.register(DEVICE);
            String operationId = accepted.json().getString("operationId");

            for (int lookup = 1; lookup <= 3; lookup++) {
                DeviceHttp.Answer held = http.lookup(DEVICE, operationId);
                assertThat(held.status()).as("lookup " + lookup + ": " + held.describe()).isEqualTo(202);
                assertThat(held.json().getString("status")).isEqualTo("assigning");
            }
            DeviceHttp.Answer done = http.lookup(DEVICE, operationId);

            assertThat(done.status()).as(done.describe()).isEqualTo(200);
            assertThat(done.json().getString("status")).isEqualTo("assigned");
            assertThat(hub().device(DEVICE)).isPresent();
            assertRecords(tuple("hold", Endpoint.REGISTER, DEVICE, 1L));
        }

        @Test
        void slowHandshakeOnDpsDelaysANewTlsConnection() {
            http.enroll(DEVICE);
            arm("{'id':'sluggish-tls','endpoint':'dps-handshake','kind':'slow-handshake','delayMillis':800,'times':1}");

            long started = System.nanoTime();
            DeviceHttp.Answer accepted = http.register(DEVICE);
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

            assertThat(accepted.status()).as(accepted.describe()).isEqualTo(202);
            assertThat(tookMillis).isGreaterThanOrEqualTo(800);
            assertRecords(tuple("sluggish-tls", Endpoint.DPS_HANDSHAKE, "", 1L));
        }

        @Test
        void slowHandshakeCountsAndDelaysEachConnectionOnceEvenWhenTheClientResumesItsTlsSession() throws Exception {
            arm("{'id':'every-tls','endpoint':'dps-handshake','kind':'slow-handshake','delayMillis':300}");
            SSLContext oneContext = TlsContexts.client(List.of(simulator.trustedRoot()));

            for (int connection = 1; connection <= 3; connection++) {
                long started = System.nanoTime();
                try (HttpClient client = HttpClient.newBuilder().sslContext(oneContext).version(HttpClient.Version.HTTP_1_1).build()) {
                    HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(simulator.dpsBaseUrl()
                            + "/" + simulator.idScope() + "/registrations/nobody/register")).GET().build(), HttpResponse.BodyHandlers.ofString());
                    assertThat(answer.statusCode()).as("an answer, whatever it is").isEqualTo(405);
                }
                assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).as("connection %d", connection)
                        .isGreaterThanOrEqualTo(300);
            }

            assertRecords(tuple("every-tls", Endpoint.DPS_HANDSHAKE, "", 1L), tuple("every-tls", Endpoint.DPS_HANDSHAKE, "", 2L),
                    tuple("every-tls", Endpoint.DPS_HANDSHAKE, "", 3L));
        }

        @Test
        void slowHandshakeOnAHubDelaysOnlyThatHubsConnections() {
            http.provision(DEVICE);
            arm("{'id':'sluggish-hub','endpoint':'hub-handshake','kind':'slow-handshake','delayMillis':600}");

            http.status(DEVICE);
            assertThat(simulator.faults().records()).as("a DPS handshake is not a hub's").isEmpty();
            long started = System.nanoTime();
            DeviceHttp.Answer sent = http.send(DEVICE, "late");
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

            assertThat(sent.status()).isEqualTo(204);
            assertThat(tookMillis).isGreaterThanOrEqualTo(600);
            assertRecords(tuple("sluggish-hub", Endpoint.HUB_HANDSHAKE, "", 1L));
        }
    }

    @Nested
    class Triggers {
        @Test
        void callsNStrikesOnlyEachDevicesNthCall() {
            http.enroll("sensor-1");
            http.enroll("sensor-2");
            arm("{'id':'second','endpoint':'register','kind':'throttle','calls':'2'}");

            assertThat(registerStatuses("sensor-1", "sensor-2", "sensor-1", "sensor-2", "sensor-1", "sensor-2"))
                    .containsExactly(202, 202, 429, 429, 202, 202);
            assertRecords(tuple("second", Endpoint.REGISTER, "sensor-1", 2L), tuple("second", Endpoint.REGISTER, "sensor-2", 2L));
        }

        @Test
        void callsRangeStrikesTheCallsInIt() {
            http.enroll(DEVICE);
            arm("{'id':'middle','endpoint':'register','kind':'server-error','status':503,'calls':'2..3'}");

            assertThat(registerStatuses(DEVICE, DEVICE, DEVICE, DEVICE)).containsExactly(202, 503, 503, 202);
            assertRecords(tuple("middle", Endpoint.REGISTER, DEVICE, 2L), tuple("middle", Endpoint.REGISTER, DEVICE, 3L));
        }

        @Test
        void timesLimitsTheFaultsServedInAllAcrossDevices() {
            http.enroll("sensor-1");
            http.enroll("sensor-2");
            arm("{'id':'twice','endpoint':'register','kind':'throttle','times':2}");

            assertThat(registerStatuses("sensor-1", "sensor-2", "sensor-1", "sensor-2")).containsExactly(429, 429, 202, 202);
            assertRecords(tuple("twice", Endpoint.REGISTER, "sensor-1", 1L), tuple("twice", Endpoint.REGISTER, "sensor-2", 1L));
            assertThat(simulator.faults().servedCounts()).containsEntry("twice", 2L);
        }

        @Test
        void windowStrikesOnlyBetweenItsBoundsAfterArming() {
            http.enroll(DEVICE);
            Instant armed = clock.instant();
            arm("{'id':'outage','endpoint':'register','kind':'server-error','window':'10..20'}");

            assertThat(registerStatuses(DEVICE)).containsExactly(202);
            clock.advance(Duration.ofSeconds(10));
            assertThat(registerStatuses(DEVICE)).containsExactly(503);
            clock.advance(Duration.ofMillis(9_999));
            assertThat(registerStatuses(DEVICE)).containsExactly(503);
            clock.advance(Duration.ofMillis(1));
            assertThat(registerStatuses(DEVICE)).containsExactly(202);

            assertRecords(tuple("outage", Endpoint.REGISTER, DEVICE, 2L), tuple("outage", Endpoint.REGISTER, DEVICE, 3L));
            assertThat(simulator.faults().records()).extracting(FaultRecord::at)
                    .containsExactly(armed.plusSeconds(10), armed.plusMillis(19_999));
        }

        @Test
        void devicePatternStrikesOnlyTheDevicesItMatches() {
            http.enroll("sensor-7");
            http.enroll("Sensor-8");
            http.enroll("meter-1");
            arm("{'id':'sensors','endpoint':'register','device':'sensor-*','kind':'throttle'}");

            assertThat(registerStatuses("sensor-7", "meter-1", "Sensor-8")).containsExactly(429, 202, 429);
            assertRecords(tuple("sensors", Endpoint.REGISTER, "sensor-7", 1L), tuple("sensors", Endpoint.REGISTER, "Sensor-8", 1L));
        }

        @Test
        void aRuleForAnotherEndpointOrDeviceServesNothing() {
            http.enroll(DEVICE);
            arm("{'id':'other-device','endpoint':'register','device':'meter-?','kind':'throttle'}");
            arm("{'id':'other-endpoint','endpoint':'operation-lookup','device':'sensor-1','kind':'server-error'}");
            arm("{'id':'hub-only','endpoint':'hub-send','kind':'server-error'}");

            DeviceHttp.Answer accepted = http.register(DEVICE);

            assertThat(accepted.status()).as(accepted.describe()).isEqualTo(202);
            assertThat(simulator.faults().records()).isEmpty();
            DeviceHttp.Answer lookup = http.lookup(DEVICE, accepted.json().getString("operationId"));
            assertThat(lookup.status()).as("the lookup rule was armed all along").isEqualTo(503);
            assertRecords(tuple("other-endpoint", Endpoint.OPERATION_LOOKUP, DEVICE, 1L));
        }
    }

    @Test
    void serviceApiFaultsSpareTheAdminApiSoARuleCanAlwaysBeCleared() {
        http.enroll(DEVICE);
        try (ServiceApiClient api = serviceApi()) {
            api.addFaults(json("{'id':'locked-out','endpoint':'service-api','kind':'authentication-error'}"));

            assertThatThrownBy(() -> api.enrollment(DEVICE)).isInstanceOfSatisfying(ServiceApiException.class, e -> {
                assertThat(e.status()).isEqualTo(401);
                assertThat(e.errorCode()).contains("401002");
                assertThat(e.serviceMessage()).contains("injected fault, service-api");
            });
            assertThat(api.faults()).as("the admin API is not the service API").hasSize(1);
            api.clearFaults();

            assertThat(api.enrollment(DEVICE).registrationId()).isEqualTo(DEVICE);
            assertRecords(tuple("locked-out", Endpoint.SERVICE_API, DEVICE, 1L));
        }
    }

    @Test
    void rulesArmedAndDisarmedAtRunTimeThroughTheAdminApi() {
        http.enroll(DEVICE);
        try (ServiceApiClient api = serviceApi()) {
            JsonArray armed = api.addFaults(json("{'endpoint':'register','device':'sensor-1','kind':'throttle','retryAfter':4,'calls':'1'}"));
            assertThat(armed).hasSize(1);
            String id = armed.getJsonObject(0).getString("id");
            assertThat(id).isEqualTo("rule-1");
            assertThat(armed.getJsonObject(0)).isEqualTo(json("{'id':'rule-1','endpoint':'register','device':'sensor-1',"
                    + "'kind':'throttle','calls':'1','retryAfter':4,'served':0}"));
            assertThat(simulator.faults().rules()).extracting(FaultRule::id).containsExactly("rule-1");

            DeviceHttp.Answer throttled = http.register(DEVICE);
            assertDpsError(throttled.asCurl(), 429, 429001, "injected fault");
            assertThat(throttled.header("Retry-After")).contains("4");
            assertThat(api.faults()).singleElement().satisfies(rule -> assertThat(rule.asJsonObject().getInt("served")).isEqualTo(1));
            assertThat(api.faultRecords()).singleElement().satisfies(record -> {
                JsonObject fields = record.asJsonObject();
                assertThat(fields.getString("rule")).isEqualTo(id);
                assertThat(fields.getString("endpoint")).isEqualTo("register");
                assertThat(fields.getString("device")).isEqualTo(DEVICE);
                assertThat(fields.getInt("call")).isEqualTo(1);
                assertThat(fields.getString("kind")).isEqualTo("throttle");
                assertThat(fields.getString("at")).isEqualTo(clock.instant().toString());
            });

            JsonArray plan = api.addFaults(Json.createArrayBuilder()
                    .add(json("{'id':'lookups-down','endpoint':'operation-lookup','kind':'server-error'}"))
                    .add(json("{'endpoint':'status-lookup','kind':'delay','delayMillis':1}"))
                    .build());
            assertThat(plan).extracting(rule -> rule.asJsonObject().getString("id")).containsExactly("lookups-down", "rule-2");
            api.removeFault(id);
            assertThat(api.faults()).extracting(rule -> rule.asJsonObject().getString("id")).containsExactly("lookups-down", "rule-2");
            assertThat(http.register(DEVICE).status()).as("rule-1 disarmed").isEqualTo(202);

            assertThatThrownBy(() -> api.removeFault(id)).isInstanceOfSatisfying(ServiceApiException.class, e -> {
                assertThat(e.status()).isEqualTo(404);
                assertThat(e.serviceMessage()).contains("no armed fault rule 'rule-1'", "lookups-down");
            });
            assertThatThrownBy(() -> api.addFaults(json("{'endpoint':'register','kind':'explode'}")))
                    .isInstanceOfSatisfying(ServiceApiException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.serviceMessage()).contains("unknown kind 'explode'");
                    });
            assertThatThrownBy(() -> api.addFaults(json("{'id':'lookups-down','endpoint':'register','kind':'throttle'}")))
                    .isInstanceOfSatisfying(ServiceApiException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.serviceMessage()).contains("'lookups-down'");
                    });

            api.clearFaults();
            assertThat(api.faults()).isEmpty();
            assertThat(simulator.faults().rules()).isEmpty();
            assertThat(api.faultRecords()).as("clearing rules keeps the record").hasSize(1);
            api.clearFaultRecords();
            assertThat(api.faultRecords()).isEmpty();
        }
    }

    // ---- helpers -------------------------------------------------------------------------------

    /** A rule as JSON with ' for ", armed in-process. */
    private void arm(String rule) {
        simulator.faults().add(FaultRules.parse(json(rule), simulator.faults()::nextRuleId));
    }

    static JsonObject json(String singleQuoted) {
        return Json.createReader(new StringReader(singleQuoted.replace('\'', '"'))).readObject();
    }

    static JsonArray jsonArray(String singleQuoted) {
        return Json.createReader(new StringReader(singleQuoted.replace('\'', '"'))).readArray();
    }

    /** Registers each device in turn (a new register each time) and answers the statuses. */
    private List<Integer> registerStatuses(String... devices) {
        return Arrays.stream(devices).map(device -> http.register(device).status()).toList();
    }

    private void assertRecords(Tuple... expected) {
        assertThat(simulator.faults().records())
                .extracting(FaultRecord::ruleId, FaultRecord::endpoint, FaultRecord::deviceId, FaultRecord::call)
                .containsExactly(expected);
    }

    /**
     * A refusal in the hub's error format: the status, {@code iothub-errorcode}, and a body whose
     * {@code Message} is a JSON string holding the six-digit code and a message naming the injected fault.
     */
    static void assertHubError(DeviceHttp.Answer answer, int status, int errorCode, String errorName) {
        String context = answer.describe();
        assertThat(answer.status()).as(context).isEqualTo(status);
        assertThat(answer.header("iothub-errorcode")).as(context).contains(errorName);
        assertThat(answer.header("Content-Type")).as(context).contains(JsonResponses.JSON);
        JsonObject body = answer.json();
        assertThat(body.getString("ExceptionMessage")).as(context).isEmpty();
        JsonObject inner = Json.createReader(new StringReader(body.getString("Message"))).readObject();
        assertThat(inner.getInt("errorCode")).as(context).isEqualTo(errorCode);
        assertThat(inner.getString("trackingId")).as(context).isNotBlank();
        assertThat(inner.getString("timestampUtc")).as(context).isNotBlank();
        assertThat(inner.getString("message")).as(context).isNotBlank();
    }

    private SimulatedHub hub() {
        return simulator.iotHubs().getFirst();
    }

    private ServiceApiClient serviceApi() {
        return new ServiceApiClient(ServiceConnectionString.parse(simulator.serviceConnectionString()),
                ServiceTrust.only(List.of(simulator.trustedRoot())));
    }
}
