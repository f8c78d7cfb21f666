package dev.dpsrig.interop.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dpsrig.certs.HeldCertificate;
import dev.dpsrig.interop.SdkSimulator;
import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.protocol.MessageProperty;
import dev.dpsrig.protocol.RegistrationStatus;
import dev.dpsrig.simulator.dps.Attestation;
import dev.dpsrig.simulator.dps.HubDevice;
import dev.dpsrig.simulator.dps.Registration;
import dev.dpsrig.simulator.hub.CloudToDeviceMessage;
import dev.dpsrig.simulator.hub.DeviceMessage;
import dev.dpsrig.simulator.hub.Settlement;
import dev.dpsrig.simulator.hub.SimulatedHub;
import dev.dpsrig.simulator.server.LocalSimulator;
import dev.dpsrig.simulator.server.SimulatorConfig;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official Azure IoT Node device SDKs over HTTPS, unchanged, against the simulator in the
 * SDK-compatible layout: {@code azure-iot-provisioning-device-http} registers with the
 * {@code globalEndpoint} and {@code idScope} of dev-settings.json as they are, then
 * {@code azure-iot-device-http} connects to the hub DPS assigned with a plain device connection string,
 * sends an event, and receives and completes a cloud-to-device message. Node trusts the simulator
 * through {@code NODE_EXTRA_CA_CERTS}, as a user would set it.
 */
class NodeDeviceSdkIT {
    private static final String FIRST_ADDRESS = "127.0.52.1";
    private static final Duration NODE_TIMEOUT = Duration.ofSeconds(90);

    private static LocalSimulator simulator;
    private static NodeSdk node;
    private static Path settings;

    @TempDir
    Path directory;

    @BeforeAll
    static void start() {
        node = NodeSdk.installed();
        simulator = SdkSimulator.start(FIRST_ADDRESS);
        settings = simulator.devSettingsFile();
    }

    @AfterAll
    static void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void symmetricKeyIndividualEnrollment() {
        String id = "node-sk-individual";
        String key = keys(simulator.service().putEnrollment(id, symmetricKey(), Optional.empty()).attestation()).primaryKey();

        JsonObject result = registerSendAndReceive(id, List.of("--attestation", "symmetric-key", "--key", key));

        assertRegistered(id, result, "symmetricKey");
        assertThat(hubDevice(id).authentication()).isInstanceOf(HubDevice.HubAuthentication.Sas.class);
    }

    @Test
    void deviceOfASymmetricKeyGroupSignsWithTheKeyDerivedFromTheGroupKey() {
        String groupId = "node-sk-group";
        String id = "node-sk-group-device";
        String groupKey = keys(simulator.service().putGroup(groupId, symmetricKey(), Optional.empty()).attestation()).primaryKey();

        JsonObject result = registerSendAndReceive(id, List.of("--attestation", "group-symmetric-key", "--group-key", groupKey));

        assertRegistered(id, result, "symmetricKey");
        assertThat(simulator.service().registration(id).enrollmentGroupId()).contains(groupId);
    }

    @Test
    void selfSignedX509IndividualEnrollment() throws IOException {
        String id = "node-x509-self-signed";
        HeldCertificate device = HeldCertificate.builder().commonName(id).clientAuth().build();
        Path certificate = Files.writeString(directory.resolve(id + ".cert.pem"), device.certificatePem());
        Path privateKey = Files.writeString(directory.resolve(id + ".key.pem"), device.privateKeyPem());
        simulator.service().putEnrollment(id, x509(device.certificatePem()), Optional.empty());

        JsonObject result = registerSendAndReceive(id, List.of("--attestation", "x509",
                "--cert", certificate.toString(), "--private-key", privateKey.toString()));

        assertRegistered(id, result, "x509");
        assertThat(result.getString("connectionString")).isEqualTo("HostName=127.0.52.2;DeviceId=" + id + ";x509=true");
        assertThat(hubDevice(id).authentication()).isInstanceOf(HubDevice.HubAuthentication.SelfSigned.class);
        assertThat(simulator.iotHub(SimulatorConfig.DEFAULT_HUB).messages(id)).singleElement()
                .satisfies(message -> assertThat(message.authMethod()).isEqualTo("selfSigned"));
    }

    /** Without NODE_EXTRA_CA_CERTS the SDK's HTTPS refuses the simulator's certificate: the trust comes from it alone. */
    @Test
    void withoutNodeExtraCaCertsTheSdkRefusesTheSimulatorsCertificate() {
        String id = "node-untrusting";
        String key = keys(simulator.service().putEnrollment(id, symmetricKey(), Optional.empty()).attestation()).primaryKey();

        NodeSdk.Result result = node.start("device.js", deviceArguments(id, List.of("--attestation", "symmetric-key", "--key", key)),
                Map.of()).finish(NODE_TIMEOUT);

        assertThat(result.exitCode()).as(result.transcript()).isEqualTo(1);
        assertThat(result.json().getString("failedAt")).isEqualTo("register");
        assertThat(result.json().getJsonObject("error").getString("code")).isEqualTo("SELF_SIGNED_CERT_IN_CHAIN");
        assertThat(simulator.service().registrations()).noneMatch(registration -> registration.registrationId().equals(id));
    }

    /**
     * Runs device.js as the device {@code id}; once the hub has its event, queues a cloud-to-device message
     * for it; returns what node printed once it completed that message.
     */
    private JsonObject registerSendAndReceive(String id, List<String> attestation) {
        SimulatedHub hub = simulator.iotHub(SimulatorConfig.DEFAULT_HUB);
        NodeSdk.Run run = node.start("device.js", deviceArguments(id, attestation), NodeUser.trustingEnvironment(settings));

        run.awaitWhileRunning("event from " + id + " at the hub", NODE_TIMEOUT, () -> !hub.messages(id).isEmpty());
        DeviceMessage event = hub.messages(id).getFirst();
        assertThat(event.bodyText()).isEqualTo("{\"temperature\": 21.5}");
        assertThat(event.properties()).containsEntry("source", "node-sdk");

        CloudToDeviceMessage c2d = hub.sendToDevice(id, "to the Node device".getBytes(StandardCharsets.UTF_8),
                Map.of("color", "blue"), Map.of(MessageProperty.MESSAGE_ID, "c2d-" + id, MessageProperty.CORRELATION_ID, "corr-" + id),
                Optional.empty());
        NodeSdk.Result result = run.finish(NODE_TIMEOUT);

        assertThat(result.exitCode()).as(result.transcript()).isZero();
        JsonObject received = result.json().getJsonObject("received");
        assertThat(received.getString("body")).isEqualTo("to the Node device");
        assertThat(received.getString("messageId")).isEqualTo("c2d-" + id);
        assertThat(received.getString("correlationId")).isEqualTo("corr-" + id);
        // azure-iot-http-base keeps the header's name for an application property, prefix and all (as it does with Azure).
        assertThat(received.getJsonObject("properties").getString("iothub-app-color")).isEqualTo("blue");
        assertThat(result.json().getBoolean("completed")).isTrue();
        assertThat(hub.settlements()).filteredOn(settlement -> settlement.message().equals(c2d)).singleElement()
                .satisfies(settlement -> assertThat(settlement.outcome()).isEqualTo(Settlement.Outcome.COMPLETED));
        assertThat(hub.deviceBound(id)).isEmpty();
        return result.json();
    }

    private List<String> deviceArguments(String id, List<String> attestation) {
        List<String> arguments = new ArrayList<>(List.of("--settings", settings.toString(), "--registration-id", id));
        arguments.addAll(attestation);
        arguments.addAll(List.of("--body", "{\"temperature\": 21.5}", "--property", "source=node-sdk", "--c2d-timeout", "60"));
        return arguments;
    }

    private static void assertRegistered(String id, JsonObject result, String attestationType) {
        JsonObject registration = result.getJsonObject("registration");
        String hubHost = NodeUser.devSettings(settings).getJsonArray("hubs").getJsonObject(0).getString("hostName");
        assertThat(registration.getString("status")).isEqualTo("assigned");
        assertThat(registration.getString("assignedHub")).isEqualTo(hubHost).isEqualTo("127.0.52.2");
        assertThat(registration.getString("deviceId")).isEqualTo(id);
        Registration state = simulator.service().registration(id);
        assertThat(state.status()).isEqualTo(RegistrationStatus.ASSIGNED);
        assertThat(state.attestationType()).isEqualTo(attestationType);
    }

    private static HubDevice hubDevice(String id) {
        return simulator.iotHub(SimulatorConfig.DEFAULT_HUB).device(id).orElseThrow();
    }

    private static Attestation.SymmetricKey keys(Attestation attestation) {
        assertThat(attestation).isInstanceOf(Attestation.SymmetricKey.class);
        return (Attestation.SymmetricKey) attestation;
    }

    private static JsonObject symmetricKey() {
        return Jsonp.createObjectBuilder()
                .add("attestation", Jsonp.createObjectBuilder().add("type", "symmetricKey")).build();
    }

    private static JsonObject x509(String certificatePem) {
        return Jsonp.createObjectBuilder().add("attestation", Jsonp.createObjectBuilder().add("type", "x509")
                .add("x509", Jsonp.createObjectBuilder().add("clientCertificates", Jsonp.createObjectBuilder()
                        .add("primary", Jsonp.createObjectBuilder().add("certificate", certificatePem))))).build();
    }
}
