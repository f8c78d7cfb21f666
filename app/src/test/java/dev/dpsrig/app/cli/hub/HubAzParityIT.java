package dev.dpsrig.app.cli.hub;

import static dev.dpsrig.app.cli.CommandRun.dpsrig;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dpsrig.app.cli.CommandRun;
import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.protocol.MessageProperty;
import dev.dpsrig.protocol.SasToken;
import dev.dpsrig.simulator.dps.Attestation;
import dev.dpsrig.simulator.dps.DeviceCredentials;
import dev.dpsrig.simulator.http.InProcessDps;
import dev.dpsrig.simulator.hub.IncomingMessage;
import dev.dpsrig.simulator.hub.SimulatedHub;
import dev.dpsrig.simulator.server.LocalSimulator;
import dev.dpsrig.simulator.server.SimulatorConfig;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code az iot hub generate-sas-token} and {@code monitor-events} as {@code dpsrig hub} commands against a running
 * simulator: the token is used by {@code curl} to send telemetry over HTTPS, and the monitor prints telemetry sent
 * while it runs.
 */
class HubAzParityIT {
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
    void generatedTokenSendsTelemetryWithCurl() throws Exception {
        register("my-device");
        CommandRun generated = hub("generate-sas-token", "-d", "my-device", "-n", "MyExampleHub", "--du", "120");
        assertThat(generated.exitCode()).as(generated.err()).isZero();
        String sas = generated.json().getString("sas");
        SasToken token = SasToken.parse(sas);
        assertThat(token.decodedResourceUri()).isEqualTo(hub.hub().hostName() + "/devices/my-device");
        assertThat(token.expiresAt()).isBetween(Instant.now().plusSeconds(100), Instant.now().plusSeconds(125));
        assertThat(hub("generate-sas-token", "-d", "my-device", "--query", "sas", "-o", "tsv").out()).startsWith("SharedAccessSignature sr=");

        Process curl = new ProcessBuilder("curl", "--cacert", simulator.trustedRootFile().toString(), "-s", "-o", "/dev/null",
                "-w", "%{http_code}", "-X", "POST", "-H", "Authorization: " + sas, "-H", "Content-Type: application/json",
                "-d", "{\"temperature\": 30}",
                "https://" + hub.hub().hostName() + "/devices/my-device/messages/events?api-version=2020-03-13")
                .redirectErrorStream(true).start();
        String status = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(curl.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(status).isEqualTo("204");
        assertThat(hub.messages("my-device")).singleElement().extracting(message -> message.bodyText()).isEqualTo("{\"temperature\": 30}");
    }

    @Test
    void generateSasTokenRefusalsAreUsageErrors() {
        register("dev-s");
        assertThat(hub("generate-sas-token", "-d", "dev-s", "--du", "0").exitCode()).isEqualTo(2);
        assertThat(hub("generate-sas-token", "-d", "dev-s", "--key-type", "tertiary").exitCode()).isEqualTo(2);
        CommandRun module = hub("generate-sas-token", "-d", "dev-s", "--module-id", "m1");
        assertThat(module.exitCode()).isEqualTo(2);
        assertThat(module.err()).contains("--module-id m1");
        CommandRun nobody = hub("generate-sas-token", "-d", "nobody");
        assertThat(nobody.exitCode()).isEqualTo(1);
        assertThat(nobody.err()).contains("no hub has a device 'nobody'");
    }

    @Test
    void monitorEventsPrintsTelemetrySentWhileItRunsAndStopsWhenIdle() throws Exception {
        String key = register("dev-m");
        send(key, "dev-m", "{\"before\": true}", Map.of());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CompletableFuture<Integer> monitor = CompletableFuture.supplyAsync(() -> dpsrig(out, err, "hub", "monitor-events",
                "-d", "dev-m", "--timeout", "3", "--properties", "app", "anno", "--data-dir", dataDir.toString()).exitCode());

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        int sent = 0;
        while (!out.toString().contains("\"origin\"") && System.nanoTime() < deadline) {
            send(key, "dev-m", "{\"temperature\": " + sent++ + "}", Map.of("alert", "true"));
            Thread.sleep(300);
        }
        long lastSent = System.nanoTime();

        assertThat(monitor.get(20, TimeUnit.SECONDS)).as(err.toString()).isZero();
        assertThat(Duration.ofNanos(System.nanoTime() - lastSent)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(out.toString()).doesNotContain("before");
        JsonObject event = Jsonp.createReader(new StringReader(firstObject(out.toString()))).readObject().getJsonObject("event");
        assertThat(event.getString("origin")).isEqualTo("dev-m");
        assertThat(event.getString("module")).isEmpty();
        assertThat(event.getJsonObject("payload").getJsonNumber("temperature").intValue()).isBetween(0, sent);
        assertThat(event.getJsonObject("properties").getJsonObject("application").getString("alert")).isEqualTo("true");
        assertThat(event.getJsonObject("annotations").getString("iothub-connection-device-id")).isEqualTo("dev-m");
    }

    @Test
    void deviceListAndMessagesTakeAzOutputOptions() {
        String key = register("dev-t");
        send(key, "dev-t", "plain text", Map.of());

        List<String> table = hub("device", "list", "-o", "table").out().lines().toList();
        assertThat(table.getFirst()).startsWith("DeviceId").contains("RegistrationId", "Status", "Hub");
        assertThat(table.get(2)).startsWith("dev-t");
        assertThat(hub("messages", "--query", "bodyText", "-o", "tsv").out()).isEqualTo("plain text\n");
        assertThat(hub("device", "show", "-d", "dev-t", "--query", "authentication.type", "-o", "tsv").out()).isEqualTo("sas\n");
    }

    /** The first JSON object of pretty-printed output that may hold several. */
    private static String firstObject(String text) {
        return text.substring(0, text.indexOf("\n}") + 2);
    }

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
        return key;
    }

    /** Through the hub's device API in-process, with the same authentication an HTTPS request gets. */
    private void send(String key, String deviceId, String body, Map<String, String> properties) {
        SasToken token = SasToken.sign(hub.hub().hostName() + "/devices/" + deviceId, key, Instant.now().plusSeconds(3600), Optional.empty());
        hub.acceptEvents(deviceId, Optional.empty(), new DeviceCredentials.Sas(token), Set.of(hub.hub().hostName()),
                List.of(new IncomingMessage(body.getBytes(StandardCharsets.UTF_8), properties, Map.<MessageProperty, String>of())));
    }

    /** {@code dpsrig hub ARGS...} against this test's simulator. */
    private CommandRun hub(String... args) {
        return CommandRun.against(dataDir, "hub", args);
    }
}
