package dev.dpsrig.app.cli.device;

import static dev.dpsrig.app.cli.CommandRun.dpsrig;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dpsrig.app.cli.CommandRun;
import dev.dpsrig.app.cli.shared.ExitCodes;
import dev.dpsrig.certs.Certificates;
import dev.dpsrig.certs.HeldCertificate;
import dev.dpsrig.certs.IdentityFiles;
import dev.dpsrig.certs.KeyEncryption;
import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.protocol.MessageProperty;
import dev.dpsrig.protocol.SymmetricKeys;
import dev.dpsrig.simulator.dps.Attestation;
import dev.dpsrig.simulator.fault.FaultRule;
import dev.dpsrig.simulator.fault.FaultRules;
import dev.dpsrig.simulator.hub.DeviceMessage;
import dev.dpsrig.simulator.hub.Settlement;
import dev.dpsrig.simulator.hub.SimulatedHub;
import dev.dpsrig.simulator.server.LocalSimulator;
import dev.dpsrig.simulator.server.SimulatorConfig;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dpsrig device ...} end to end over real HTTPS against the simulator, with each credential kind the
 * walkthroughs hand out, and the exit codes of every outcome.
 */
class DeviceCommandIT {
    private static final String GROUP_KEY = "Z3JvdXAta2V5LWZvci10aGUtZGV2aWNlLWNvbW1hbmQtdGVzdHM=";

    @TempDir
    Path dataDir;

    @TempDir
    Path files;

    private LocalSimulator simulator;
    private SimulatedHub hub;

    @BeforeEach
    void start() {
        simulator = LocalSimulator.start(SimulatorConfig.builder().dataDirectory(dataDir).dpsPort(0)
                .assignmentDelay(Duration.ofMillis(300)).build());
        hub = simulator.iotHubs().getFirst();
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void individualSymmetricKeyDeviceRegistersPrintingEachTransitionAndTheState() {
        String key = enrollSymmetric("sym-1", "enabled");

        CommandRun run = device("register", "--registration-id", "sym-1", "--symmetric-key", key,
                "--payload", "{\"model\":\"thermostat\"}");

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.getFirst()).matches("\\+ +0 ms  register sent \\(attempt 1\\)");
        assertThat(events(run)).anySatisfy(event -> assertThat(event).matches("register answered 202: assigning \\(operation .+\\)"));
        assertThat(events(run)).containsSubsequence("register sent (attempt 1)", "poll in 1000 ms (Retry-After: 1)",
                "status assigned (200)", "assigned to " + hub.hub().hostName() + " as sym-1 (initialAssignment)");
        JsonObject state = printedJson(run);
        assertThat(state.getString("registrationId")).isEqualTo("sym-1");
        assertThat(state.getString("assignedHub")).isEqualTo(hub.hub().hostName());
        assertThat(state.getString("deviceId")).isEqualTo("sym-1");
        assertThat(state.getString("status")).isEqualTo("assigned");
        assertThat(hub.device("sym-1")).isPresent();
    }

    @Test
    void groupSymmetricKeyDeviceDerivesItsKey() {
        enrollSymmetricGroup("group-1");

        CommandRun run = device("register", "--registration-id", "grp-member-7", "--group-key", GROUP_KEY);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(printedJson(run).getString("deviceId")).isEqualTo("grp-member-7");

        // The derived key is the device's own: it works as --symmetric-key too.
        CommandRun derived = device("register", "--registration-id", "grp-member-7", "--symmetric-key",
                SymmetricKeys.deriveDeviceKey(GROUP_KEY, "grp-member-7"));
        assertThat(derived.exitCode()).as(derived.err()).isZero();
    }

    @Test
    void selfSignedX509DeviceWithAPassPhraseProtectedKeyRegistersAsItsCn() throws Exception {
        HeldCertificate device = HeldCertificate.builder().commonName("x509-self").clientAuth().build();
        simulator.service().putEnrollment("x509-self", Jsonp.createObjectBuilder().add("attestation", Jsonp.createObjectBuilder()
                .add("type", "x509").add("x509", Jsonp.createObjectBuilder().add("clientCertificates", Jsonp.createObjectBuilder()
                        .add("primary", Jsonp.createObjectBuilder().add("certificate", device.certificatePem()))))).build(), Optional.empty());
        Path cert = write("x509-self.cert.pem", device.certificatePem());
        Path key = write("x509-self.key.pem", device.privateKeyPem("1234".toCharArray(), KeyEncryption.PKCS8));

        CommandRun run = device("register", "--cert", cert.toString(), "--key", key.toString(), "--passphrase", "1234");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(printedJson(run).getString("deviceId")).isEqualTo("x509-self");
        assertThat(printedJson(run).getJsonObject("x509")).isNotNull();

        CommandRun wrongPassphrase = device("register", "--cert", cert.toString(), "--key", key.toString(), "--passphrase", "4321");
        assertThat(wrongPassphrase.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(wrongPassphrase.err().lines()).singleElement().asString().contains(key.toString());
        assertThat(wrongPassphrase.out()).isEmpty();
    }

    @Test
    void x509ChainDeviceRegistersThroughItsGroup() throws Exception {
        HeldCertificate root = HeldCertificate.builder().commonName("cli-root").certificateAuthority(1).build();
        HeldCertificate intermediate = HeldCertificate.builder().commonName("cli-intermediate").certificateAuthority(0)
                .signedBy(root).build();
        HeldCertificate leaf = HeldCertificate.builder().commonName("chain-device-1").clientAuth().signedBy(intermediate).build();
        simulator.service().putCaCertificate("cli-root", root.certificate(), true, Optional.empty());
        simulator.service().putGroup("x509-chain", Jsonp.createObjectBuilder().add("attestation", Jsonp.createObjectBuilder()
                .add("type", "x509").add("x509", Jsonp.createObjectBuilder().add("signingCertificates", Jsonp.createObjectBuilder()
                        .add("primary", Jsonp.createObjectBuilder().add("certificate", Certificates.toPem(root.certificate())))))).build(),
                Optional.empty());
        // The chain without the root, and the key, in one file.
        Path chain = write("chain-device-1.pem", PemChain.of(leaf.certificate(), intermediate.certificate()) + leaf.privateKeyPem());

        CommandRun run = device("register", "--cert", chain.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(printedJson(run).getString("deviceId")).isEqualTo("chain-device-1");
    }

    @Test
    void pfxDeviceRegistersAndSends() throws Exception {
        HeldCertificate device = HeldCertificate.builder().commonName("pfx-device").clientAuth().build();
        simulator.service().putEnrollment("pfx-device", Jsonp.createObjectBuilder().add("attestation", Jsonp.createObjectBuilder()
                .add("type", "x509").add("x509", Jsonp.createObjectBuilder().add("clientCertificates", Jsonp.createObjectBuilder()
                        .add("primary", Jsonp.createObjectBuilder().add("certificate", device.certificatePem()))))).build(), Optional.empty());
        Path pfx = files.resolve("pfx-device.pfx");
        IdentityFiles.writePkcs12(pfx, device, "secret".toCharArray());

        CommandRun run = device("send", "--pfx", pfx.toString(), "--pfx-password", "secret", "--data", "from pfx");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("assigned to " + hub.hub().hostName() + " as pfx-device", "message 1/1: acknowledged");
        assertThat(hub.awaitMessages("pfx-device", 1, Duration.ofSeconds(5))).singleElement()
                .satisfies(m -> assertThat(m.authMethod()).isEqualTo("selfSigned"));

        CommandRun wrongPassword = device("register", "--pfx", pfx.toString(), "--pfx-password", "nope");
        assertThat(wrongPassword.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(wrongPassword.err().lines()).singleElement().asString().contains("wrong password");
    }

    @Test
    void assignmentFailedExitsWithFailedAndTheErrorCode() {
        String key = enrollSymmetric("fails-1", "enabled");
        simulator.faults().add(FaultRules.parse(json("{\"endpoint\": \"register\", \"device\": \"fails-1\", \"kind\": \"assignment-failed\","
                + " \"errorCode\": 400209, \"errorMessage\": \"custom allocation failed\"}"), simulator.faults()::nextRuleId));

        CommandRun run = device("register", "--registration-id", "fails-1", "--symmetric-key", key);

        assertThat(run.exitCode()).isEqualTo(DeviceExitCodes.FAILED);
        assertThat(events(run)).contains("status failed (200)");
        assertThat(run.err().lines()).singleElement().asString()
                .contains("registration failed", "errorCode 400209", "custom allocation failed");
    }

    @Test
    void disabledEnrollmentExitsWithDisabled() {
        String key = enrollSymmetric("disabled-1", "disabled");

        CommandRun run = device("register", "--registration-id", "disabled-1", "--symmetric-key", key);

        assertThat(run.exitCode()).isEqualTo(DeviceExitCodes.DISABLED);
        assertThat(run.out()).contains("disabled");
        assertThat(run.err().lines()).singleElement().asString().contains("registration disabled");
    }

    @Test
    void wrongKeyIsRefused() {
        enrollSymmetric("refused-1", "enabled");

        CommandRun run = device("register", "--registration-id", "refused-1", "--symmetric-key", SymmetricKeys.generate());

        assertThat(run.exitCode()).isEqualTo(DeviceExitCodes.REFUSED);
        assertThat(run.err().lines()).singleElement().asString().contains("registration refused (HTTP 401)");
    }

    /**
     * A device throttled for good stops at its deadline instead of waiting past it: with {@code Retry-After: 1} a 2 s
     * deadline leaves room for two attempts at most, and the device gives up on the retry that would cross it, before
     * waiting, rather than after sleeping through it. Every attempt it made is one the simulator throttled.
     */
    @Test
    void permanentThrottlingEndsAtTheDeadline() {
        String key = enrollSymmetric("throttled-1", "enabled");
        FaultRule throttle = FaultRules.parse(json("{\"endpoint\": \"register\", \"device\": \"throttled-1\", \"kind\": \"throttle\","
                + " \"retryAfter\": 1}"), simulator.faults()::nextRuleId);
        simulator.faults().add(throttle);

        CommandRun run = device("register", "--registration-id", "throttled-1", "--symmetric-key", key, "--deadline", "2");

        assertThat(run.exitCode()).isEqualTo(DeviceExitCodes.DEADLINE_EXCEEDED);
        String retry = "retry register in 1000 ms: 429 too many requests, retry after 1 s (injected fault, register)";
        List<String> attempts = events(run).stream().filter(event -> event.startsWith("register sent")).toList();
        assertThat(attempts).hasSizeBetween(1, 2);
        assertThat(simulator.faults().servedCounts()).containsEntry(throttle.id(), (long) attempts.size());
        List<String> events = events(run);
        assertThat(events.get(events.size() - 2)).isEqualTo(retry);
        assertThat(events.getLast()).startsWith("registration failed: gave up after 2 s (deadline) while register (429 too many requests");
        assertThat(run.err().lines()).singleElement().asString().contains("registration deadline exceeded",
                "gave up after 2 s (deadline) while register (429 too many requests");
    }

    @Test
    void sendAndReceiveRoundTrip() {
        String key = enrollSymmetric("round-trip", "enabled");

        CommandRun sent = device("send", "--registration-id", "round-trip", "--symmetric-key", key, "--data", "{\"temperature\": 30}",
                "--property", "alert=true", "--message-id", "m", "--content-type", "application/json", "--content-encoding", "utf-8",
                "--count", "2");

        assertThat(sent.exitCode()).as(sent.err()).isZero();
        assertThat(sent.out()).contains("message 1/2: acknowledged", "message 2/2: acknowledged");
        List<DeviceMessage> arrived = hub.awaitMessages("round-trip", 2, Duration.ofSeconds(5));
        assertThat(arrived).extracting(m -> m.systemProperties().get(MessageProperty.MESSAGE_ID)).containsExactly("m-1", "m-2");
        assertThat(arrived.getFirst().properties()).containsEntry("alert", "true");
        assertThat(arrived.getFirst().systemProperties()).containsEntry(MessageProperty.CONTENT_TYPE, "application/json")
                .containsEntry(MessageProperty.CONTENT_ENCODING, "utf-8");
        assertThat(new String(arrived.getFirst().body(), StandardCharsets.UTF_8)).isEqualTo("{\"temperature\": 30}");

        CommandRun batch = device("send", "--assigned-hub", hub.hub().hostName(), "--device-id", "round-trip", "--symmetric-key", key,
                "--data", "batched", "--count", "3", "--batch");
        assertThat(batch.exitCode()).as(batch.err()).isZero();
        assertThat(batch.out()).contains("batch of 3 message(s): acknowledged").doesNotContain("register sent");
        assertThat(hub.awaitMessages("round-trip", 5, Duration.ofSeconds(5))).hasSize(5);

        CommandRun nothing = device("receive", "--assigned-hub", hub.hub().hostName(), "--device-id", "round-trip", "--symmetric-key", key);
        assertThat(nothing.exitCode()).isEqualTo(DeviceExitCodes.NO_MESSAGE);
        assertThat(nothing.err()).contains("no cloud-to-device message for round-trip");

        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(700);
            } catch (InterruptedException e) {
                return;
            }
            hub.sendToDevice("round-trip", "reboot".getBytes(StandardCharsets.UTF_8), Map.of("k", "v"), Map.of(), Optional.empty());
        });
        CommandRun received = device("receive", "--registration-id", "round-trip", "--symmetric-key", key, "--wait", "10");

        assertThat(received.exitCode()).as(received.err()).isZero();
        JsonObject message = printedJson(received);
        assertThat(message.getString("bodyText")).isEqualTo("reboot");
        assertThat(message.getJsonObject("properties").getString("k")).isEqualTo("v");
        assertThat(message.getString("settlement")).isEqualTo("completed");
        assertThat(hub.settlements()).singleElement().extracting(Settlement::outcome).isEqualTo(Settlement.Outcome.COMPLETED);

        hub.sendToDevice("round-trip", "bad".getBytes(StandardCharsets.UTF_8), Map.of(), Map.of(), Optional.empty());
        CommandRun rejected = device("receive", "--assigned-hub", hub.hub().hostName(), "--device-id", "round-trip", "--symmetric-key", key,
                "--reject");
        assertThat(rejected.exitCode()).as(rejected.err()).isZero();
        assertThat(printedJson(rejected).getString("settlement")).isEqualTo("rejected");
        assertThat(hub.settlements()).extracting(Settlement::outcome).containsExactly(Settlement.Outcome.COMPLETED, Settlement.Outcome.REJECTED);

        hub.sendToDevice("round-trip", "later".getBytes(StandardCharsets.UTF_8), Map.of(), Map.of(), Optional.empty());
        CommandRun abandoned = device("receive", "--assigned-hub", hub.hub().hostName(), "--device-id", "round-trip", "--symmetric-key", key,
                "--abandon");
        assertThat(printedJson(abandoned).getString("settlement")).isEqualTo("abandoned");
        assertThat(hub.deviceBound("round-trip")).hasSize(1);
    }

    @Test
    void aFailedMessageMakesSendExitNonZero() {
        String key = enrollSymmetric("send-fails", "enabled");
        simulator.faults().add(FaultRules.parse(json("{\"endpoint\": \"hub-send\", \"device\": \"send-fails\","
                + " \"kind\": \"authentication-error\"}"), simulator.faults()::nextRuleId));

        CommandRun run = device("send", "--registration-id", "send-fails", "--symmetric-key", key, "--data", "x");

        assertThat(run.exitCode()).isEqualTo(DeviceExitCodes.HUB_FAILED);
        assertThat(run.out()).contains("message 1/1: failed 401 IotHubUnauthorizedAccess");
    }

    @Test
    void badInputsAreOneLineUsageErrors() throws Exception {
        String key = enrollSymmetric("usage-1", "enabled");
        Path missing = files.resolve("missing.pem");

        assertUsageError(device("register", "--registration-id", "usage-1"), "no device credentials");
        assertUsageError(device("register", "--registration-id", "usage-1", "--symmetric-key", key, "--cert", missing.toString()),
                "give one kind of device credentials, not --symmetric-key and --cert");
        assertUsageError(device("register", "--cert", missing.toString()), missing.toString());
        assertUsageError(device("register", "--symmetric-key", key), "needs --registration-id");
        assertUsageError(device("register", "--registration-id", "usage-1", "--group-key", "%%%"),
                "the group key (--group-key) is not base64: character '%' at position 1");
        assertUsageError(device("register", "--registration-id", "usage-1", "--symmetric-key", key, "--payload", "{oops"),
                "--payload is not JSON");
        assertUsageError(device("register", "--registration-id", "usage-1", "--symmetric-key", key, "--key", missing.toString()),
                "--key goes with --cert");
        assertUsageError(dpsrig("device", "register", "--registration-id", "usage-1", "--symmetric-key", key, "--data-dir",
                files.resolve("nowhere").toString()), "dev-settings.json: not found");
        assertUsageError(device("send", "--assigned-hub", hub.hub().hostName(), "--symmetric-key", key, "--data", "x"),
                "--assigned-hub and --device-id go together");
    }

    @Test
    void explicitEndpointScopeAndCafileReachTheSimulatorWithoutDevSettings() {
        String key = enrollSymmetric("explicit-1", "enabled");

        CommandRun run = dpsrig("device", "register", "--registration-id", "explicit-1", "--symmetric-key", key, "--data-dir", dataDir.toString(),
                "--global-endpoint", simulator.globalEndpoint(), "--id-scope", simulator.idScope(),
                "--cafile", simulator.trustedRootFile().toString());
        assertThat(run.exitCode()).as(run.err()).isZero();

        CommandRun wrongScope = device("register", "--registration-id", "explicit-1", "--symmetric-key", key, "--id-scope", "0ne99999999");
        assertThat(wrongScope.exitCode()).isEqualTo(DeviceExitCodes.REFUSED);
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static void assertUsageError(CommandRun run, String message) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err().lines()).singleElement().asString().contains(message);
        assertThat(run.out()).isEmpty();
    }

    @Test
    void overMqttADeviceRegistersAndSendsAtTheEndpointsDevSettingsNames() {
        String key = enrollSymmetric("mqtt-cli", "enabled");
        simulator.faults().add(FaultRules.parse(Jsonp.createReader(new StringReader("{\"endpoint\": \"register\", \"device\": \"mqtt-cli\","
                + " \"kind\": \"throttle\", \"retryAfter\": 1, \"times\": 1, \"transport\": \"mqtt\"}")).readObject(),
                simulator.faults()::nextRuleId));

        CommandRun registered = device("register", "--transport", "mqtt", "--registration-id", "mqtt-cli", "--symmetric-key", key);

        assertThat(registered.exitCode()).as(registered.err()).isZero();
        assertThat(printedJson(registered).getString("deviceId")).isEqualTo("mqtt-cli");
        // The rule strikes MQTT only: the device met it, so it registered over MQTT.
        assertThat(events(registered)).anySatisfy(event -> assertThat(event).startsWith("retry register in 1000 ms").contains("429"));

        CommandRun sent = device("send", "--transport", "mqtt", "--registration-id", "mqtt-cli", "--symmetric-key", key, "--data", "over mqtt",
                "--property", "via=mqtt");

        assertThat(sent.exitCode()).as(sent.err()).isZero();
        assertThat(hub.awaitMessages("mqtt-cli", 1, Duration.ofSeconds(5))).singleElement()
                .satisfies(message -> assertThat(message.properties()).containsEntry("via", "mqtt"));
    }

    @Test
    void overMqttReceiveTakesTheMessageTheHubPushesAndCompletesItWithItsPuback() throws Exception {
        String key = enrollSymmetric("mqtt-c2d", "enabled");
        assertThat(device("register", "--transport", "mqtt", "--registration-id", "mqtt-c2d", "--symmetric-key", key).exitCode()).isZero();
        hub.sendToDevice("mqtt-c2d", "queued".getBytes(StandardCharsets.UTF_8), Map.of("k", "v"), Map.of(), Optional.empty());

        CommandRun queued = device("receive", "--transport", "mqtt", "--assigned-hub", hub.hub().hostName(), "--device-id", "mqtt-c2d",
                "--symmetric-key", key);

        assertThat(queued.exitCode()).as(queued.err()).isZero();
        assertThat(printedJson(queued).getString("bodyText")).isEqualTo("queued");
        assertThat(printedJson(queued).getJsonObject("properties").getString("k")).isEqualTo("v");
        assertThat(printedJson(queued).getString("settlement")).isEqualTo("completed");
        assertThat(settledBy("mqtt-c2d", 1)).singleElement().extracting(Settlement::outcome).isEqualTo(Settlement.Outcome.COMPLETED);
        assertThat(hub.deviceBound("mqtt-c2d")).isEmpty();

        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(700);
            } catch (InterruptedException e) {
                return;
            }
            hub.sendToDevice("mqtt-c2d", "later".getBytes(StandardCharsets.UTF_8), Map.of(), Map.of(), Optional.empty());
        });
        CommandRun later = device("receive", "--transport", "mqtt", "--assigned-hub", hub.hub().hostName(), "--device-id", "mqtt-c2d",
                "--symmetric-key", key, "--wait", "10");

        assertThat(later.exitCode()).as(later.err()).isZero();
        assertThat(printedJson(later).getString("bodyText")).isEqualTo("later");
        assertThat(settledBy("mqtt-c2d", 2)).extracting(Settlement::outcome).containsOnly(Settlement.Outcome.COMPLETED).hasSize(2);
        assertThat(hub.deviceBound("mqtt-c2d")).isEmpty();
    }

    @Test
    void aTransportOtherThanHttpsMqttOrMqttWsIsAUsageError() {
        String key = enrollSymmetric("pigeon", "enabled");

        CommandRun run = device("register", "--transport", "pigeon", "--registration-id", "pigeon", "--symmetric-key", key);

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--transport is https, mqtt or mqtt-ws, not 'pigeon'");
    }

    /** The hub's settlements of {@code deviceId}'s messages once there are {@code count} (the PUBACK is read after the command ends). */
    private List<Settlement> settledBy(String deviceId, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        List<Settlement> settled;
        while ((settled = hub.settlements().stream().filter(s -> s.message().deviceId().equals(deviceId)).toList()).size() < count
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return settled;
    }

    private String enrollSymmetric(String registrationId, String provisioningStatus) {
        Attestation attestation = simulator.service().putEnrollment(registrationId, Jsonp.createObjectBuilder()
                .add("attestation", Jsonp.createObjectBuilder().add("type", "symmetricKey"))
                .add("provisioningStatus", provisioningStatus).build(), Optional.empty()).attestation();
        return ((Attestation.SymmetricKey) attestation).primaryKey();
    }

    private void enrollSymmetricGroup(String groupId) {
        simulator.service().putGroup(groupId, Jsonp.createObjectBuilder().add("attestation", Jsonp.createObjectBuilder()
                .add("type", "symmetricKey").add("symmetricKey", Jsonp.createObjectBuilder()
                        .add("primaryKey", GROUP_KEY).add("secondaryKey", GROUP_KEY))).build(), Optional.empty());
    }

    private Path write(String name, String content) throws Exception {
        return Files.writeString(files.resolve(name), content);
    }

    private static JsonObject json(String text) {
        return Jsonp.createReader(new StringReader(text)).readObject();
    }

    /** PEM of several certificates, in order. */
    private static final class PemChain {
        static String of(java.security.cert.X509Certificate... certificates) {
            StringBuilder out = new StringBuilder();
            for (java.security.cert.X509Certificate certificate : certificates) {
                out.append(Certificates.toPem(certificate));
            }
            return out.toString();
        }
    }

    /** {@code dpsrig device ARGS...} against this test's simulator. */
    private CommandRun device(String... args) {
        return CommandRun.against(dataDir, "device", args);
    }

    /** The event lines a device command printed, without their time column. */
    private static List<String> events(CommandRun run) {
        return run.out().lines().filter(line -> line.startsWith("+")).map(line -> line.replaceFirst("^\\+ *\\d+ ms  ", "")).toList();
    }

    /** The JSON a device command printed after its events. */
    private static JsonObject printedJson(CommandRun run) {
        String out = run.out();
        String text = out.startsWith("{") ? out : out.substring(out.indexOf("\n{") + 1);
        return Jsonp.createReader(new StringReader(text)).readObject();
    }
}
