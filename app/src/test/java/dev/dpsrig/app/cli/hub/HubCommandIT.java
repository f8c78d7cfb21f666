package dev.dpsrig.app.cli.hub;

import static dev.dpsrig.app.cli.CommandRun.dpsrig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dpsrig.app.cli.CommandRun;
import dev.dpsrig.protocol.HubErrorCode;
import dev.dpsrig.protocol.HubException;
import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.protocol.MessageProperty;
import dev.dpsrig.protocol.SasToken;
import dev.dpsrig.simulator.dps.Attestation;
import dev.dpsrig.simulator.dps.DeviceCredentials;
import dev.dpsrig.simulator.http.InProcessDps;
import dev.dpsrig.simulator.hub.IncomingMessage;
import dev.dpsrig.simulator.hub.Settlement;
import dev.dpsrig.simulator.hub.SimulatedHub;
import dev.dpsrig.simulator.server.LocalSimulator;
import dev.dpsrig.simulator.server.SimulatorConfig;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dpsrig hub ...} against a running simulator over HTTPS, with real {@code curl} on the
 * device side of the cloud-to-device round trip.
 */
class HubCommandIT {
    @TempDir
    Path dataDir;

    private LocalSimulator simulator;
    private SimulatedHub hub;

    @BeforeEach
    void start() {
        simulator = LocalSimulator.start(SimulatorConfig.builder()
                .dataDirectory(dataDir).dpsPort(0).assignmentDelay(Duration.ZERO).build());
        hub = simulator.iotHubs().getFirst();
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void cloudToDeviceMessageSentFromTheCliIsReceivedWithCurlAndCompleted() throws Exception {
        String key = register("thermostat-1");
        CommandRun sent = hub("send-c2d", "--device", "thermostat-1", "--data", "set-point 21", "-p", "unit=celsius",
                "--message-id", "c2d-1", "--content-type", "text/plain");
        assertThat(sent.exitCode()).as(sent.err()).isZero();
        assertThat(sent.json().getString("bodyText")).isEqualTo("set-point 21");

        String token = deviceToken("thermostat-1", key);
        Curl received = curl("-i", "-s", "-H", "Authorization: " + token, hubUrl("thermostat-1", "/messages/deviceBound"));

        assertThat(received.status()).isEqualTo(200);
        assertThat(received.body()).isEqualTo("set-point 21");
        assertThat(received.headerLines()).contains("iothub-app-unit: celsius", "iothub-messageid: c2d-1",
                "iothub-deliverycount: 0", "ContentType: text/plain");
        String etag = received.header("ETag");
        assertThat(etag).startsWith("\"").endsWith("\"");

        Curl completed = curl("-i", "-s", "-X", "DELETE", "-H", "Authorization: " + token,
                hubUrl("thermostat-1", "/messages/deviceBound/" + etag.substring(1, etag.length() - 1)));

        assertThat(completed.status()).isEqualTo(204);
        assertThat(hub("device", "show", "--device", "thermostat-1").json().getJsonArray("deviceBound")).isEmpty();
        assertThat(hub.settlements()).singleElement().extracting(Settlement::outcome).isEqualTo(Settlement.Outcome.COMPLETED);
        assertThat(curl("-i", "-s", "-H", "Authorization: " + token, hubUrl("thermostat-1", "/messages/deviceBound")).status())
                .isEqualTo(204);
    }

    @Test
    void messagesListsWhatArrivedOldestFirstAndFiltersByDevice() {
        send(register("dev-a"), "dev-a", "hello from a", Map.of("alert", "true"));
        send(register("dev-b"), "dev-b", "hello from b", Map.of());
        send(simulatorKey("dev-a"), "dev-a", "again from a", Map.of());

        CommandRun all = hub("messages");
        assertThat(all.exitCode()).as(all.err()).isZero();
        List<String> lines = all.out().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("#1 ").contains(" dev-a (sas) hello from a", "alert=true");
        assertThat(lines.get(1)).startsWith("#2 ").contains(" dev-b (sas) hello from b");
        assertThat(lines.get(2)).startsWith("#3 ").contains("again from a");

        CommandRun onlyB = hub("messages", "--device", "dev-b", "--json");
        assertThat(onlyB.out().lines().toList()).singleElement().satisfies(line -> {
            JsonObject message = Jsonp.createReader(new StringReader(line)).readObject();
            assertThat(message.getString("deviceId")).isEqualTo("dev-b");
            assertThat(message.getString("bodyText")).isEqualTo("hello from b");
            assertThat(message.getString("hub")).isEqualTo(hub.name());
        });
    }

    @Test
    void followPrintsMessagesThatArriveLater() throws Exception {
        String key = register("dev-f");
        StringWriter out = new StringWriter();
        Thread follower = Thread.ofVirtual().start(() -> dpsrig(out, new StringWriter(), "hub", "messages", "--follow", "--device", "dev-f",
                "--data-dir", dataDir.toString()));
        try {
            send(key, "dev-f", "arrived later", Map.of());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!out.toString().contains("arrived later") && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(out.toString()).contains("dev-f (sas) arrived later");
        } finally {
            follower.interrupt();
        }
    }

    @Test
    void disablingADeviceRefusesItUntilItIsEnabledAgain() {
        String key = register("dev-d");
        CommandRun disabled = hub("device", "disable", "--device", "dev-d");
        assertThat(disabled.exitCode()).as(disabled.err()).isZero();
        assertThat(disabled.json().getString("status")).isEqualTo("disabled");

        assertThatThrownBy(() -> send(key, "dev-d", "refused", Map.of()))
                .isInstanceOfSatisfying(HubException.class, e -> assertThat(e.errorCode()).isEqualTo(HubErrorCode.DEVICE_NOT_FOUND))
                .hasMessageContaining("disabled");

        assertThat(hub("device", "enable", "--device", "dev-d").json().getString("status")).isEqualTo("enabled");
        send(key, "dev-d", "accepted", Map.of());
        assertThat(hub.messages("dev-d")).singleElement().extracting(m -> m.bodyText()).isEqualTo("accepted");
    }

    @Test
    void deviceListShowsEveryIdentityWithItsHub() {
        register("dev-l1");
        register("dev-l2");

        CommandRun listed = hub("device", "list");

        assertThat(listed.exitCode()).as(listed.err()).isZero();
        assertThat(Jsonp.createReader(new StringReader(listed.out())).readArray())
                .extracting(device -> device.asJsonObject().getString("deviceId") + "@" + device.asJsonObject().getString("hub"))
                .containsExactly("dev-l1@" + hub.name(), "dev-l2@" + hub.name());
    }

    @Test
    void refusalsNameWhatWasWrong() {
        CommandRun unknownDevice = hub("send-c2d", "--device", "nobody", "--data", "x");
        assertThat(unknownDevice.exitCode()).isEqualTo(1);
        assertThat(unknownDevice.err()).contains("no hub has a device 'nobody'");

        CommandRun unknownHub = hub("messages", "--hub", "no-such-hub");
        assertThat(unknownHub.exitCode()).isEqualTo(1);
        assertThat(unknownHub.err()).contains("no hub named 'no-such-hub'");

        register("dev-t");
        CommandRun badTtl = hub("send-c2d", "--device", "dev-t", "--data", "x", "--ttl", "999999999");
        assertThat(badTtl.exitCode()).isEqualTo(1);
        assertThat(badTtl.err()).contains("time to live");

        CommandRun noSimulator = dpsrig("hub", "messages", "--data-dir", dataDir.resolve("elsewhere").toString());
        assertThat(noSimulator.exitCode()).isEqualTo(1);
        assertThat(noSimulator.err()).contains("dev-settings.json: not found");
    }

    // ---- helpers -------------------------------------------------------------------------------

    private final Map<String, String> keys = new HashMap<>();

    /** Enrolls a symmetric-key device and registers it through DPS; answers its primary key. */
    private String register(String registrationId) {
        InProcessDps dps = simulator.service();
        Attestation attestation = dps.putEnrollment(registrationId, Jsonp.createObjectBuilder()
                .add("attestation", Jsonp.createObjectBuilder().add("type", "symmetricKey")).build(), Optional.empty())
                .attestation();
        String key = ((Attestation.SymmetricKey) attestation).primaryKey();
        DeviceCredentials.Sas credentials = new DeviceCredentials.Sas(SasToken.sign(
                simulator.idScope() + "/registrations/" + registrationId, key, Instant.now().plusSeconds(3600), Optional.of("registration")));
        String operation = dps.register(simulator.idScope(), registrationId, credentials, Optional.empty()).operationId();
        dps.lookupOperation(simulator.idScope(), registrationId, operation, credentials);
        keys.put(registrationId, key);
        return key;
    }

    private String simulatorKey(String deviceId) {
        return keys.get(deviceId);
    }

    private String deviceToken(String deviceId, String key) {
        return SasToken.sign(hub.hub().hostName() + "/devices/" + deviceId, key, Instant.now().plusSeconds(3600), Optional.empty())
                .toAuthorizationHeader();
    }

    /** Through the hub's device API in-process, with the same authentication an HTTPS request gets. */
    private void send(String key, String deviceId, String body, Map<String, String> properties) {
        SasToken token = SasToken.parse(deviceToken(deviceId, key));
        hub.acceptEvents(deviceId, Optional.empty(), new DeviceCredentials.Sas(token), Set.of(hub.hub().hostName()),
                List.of(new IncomingMessage(body.getBytes(StandardCharsets.UTF_8), properties, Map.<MessageProperty, String>of())));
    }

    private String hubUrl(String deviceId, String path) {
        return "https://" + hub.hub().hostName() + "/devices/" + deviceId + path + "?api-version=2020-03-13";
    }

    private Curl curl(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("curl", "--cacert", simulator.trustedRootFile().toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return Curl.parse(output);
    }

    /** A {@code curl -i} answer: status line, header lines as sent (case kept), body. */
    private record Curl(int status, List<String> headerLines, String body) {
        static Curl parse(String output) {
            int split = output.indexOf("\r\n\r\n");
            String head = split < 0 ? output : output.substring(0, split);
            String body = split < 0 ? "" : output.substring(split + 4);
            List<String> lines = head.lines().toList();
            int status = Integer.parseInt(lines.getFirst().split(" ")[1]);
            return new Curl(status, lines.subList(1, lines.size()), body);
        }

        String header(String name) {
            return headerLines.stream().filter(line -> line.startsWith(name + ": ")).findFirst()
                    .map(line -> line.substring(name.length() + 2)).orElseThrow(() -> new AssertionError("no " + name + " in " + headerLines));
        }
    }

    /** {@code dpsrig hub ARGS...} against this test's simulator. */
    private CommandRun hub(String... args) {
        return CommandRun.against(dataDir, "hub", args);
    }
}
