package dev.dpsrig.interop.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dpsrig.certs.HeldCertificate;
import dev.dpsrig.interop.SdkSimulator;
import dev.dpsrig.interop.VerifiedCaChain;
import dev.dpsrig.interop.X509Enrollments;
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
import dev.dpsrig.simulator.log.RequestLog;
import dev.dpsrig.simulator.server.LocalSimulator;
import dev.dpsrig.simulator.server.SimulatorConfig;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The official Azure IoT Node device SDKs, unchanged, against the simulator in the SDK-compatible layout, on each
 * of their transports: HTTPS, MQTT on 8883 and MQTT over WebSockets on 443. The provisioning transport registers
 * with the {@code globalEndpoint} and {@code idScope} of dev-settings.json as they are, then the device client on
 * the same transport connects to the hub DPS assigned with a plain device connection string, sends an event, and
 * receives and completes a cloud-to-device message. Node trusts the simulator through {@code NODE_EXTRA_CA_CERTS},
 * as a user would set it. The simulator's request log and mqtt.js's own debug output show that each device
 * really used the transport it was given.
 */
class NodeDeviceSdkIT {
    private static final String FIRST_ADDRESS = "127.0.52.1";
    private static final Duration NODE_TIMEOUT = Duration.ofSeconds(90);

    private static final Queue<String> REQUEST_LOG = new ConcurrentLinkedQueue<>();

    private static LocalSimulator simulator;
    private static NodeSdk node;
    private static Path settings;

    @TempDir
    Path directory;

    @BeforeAll
    static void start() {
        node = NodeSdk.installed();
        simulator = SdkSimulator.start(FIRST_ADDRESS, RequestLog.to(REQUEST_LOG::add, Clock.systemUTC()));
        settings = simulator.devSettingsFile();
    }

    @AfterAll
    static void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    @ParameterizedTest
    @EnumSource(NodeTransport.class)
    void symmetricKeyIndividualEnrollment(NodeTransport transport) {
        String id = transport.registrationId("node-sk-individual");
        String key = keys(simulator.service().putEnrollment(id, symmetricKey(), Optional.empty()).attestation()).primaryKey();

        JsonObject result = registerSendAndReceive(transport, id, List.of("--attestation", "symmetric-key", "--key", key));

        assertRegistered(id, result, "symmetricKey");
        assertThat(hubDevice(id).authentication()).isInstanceOf(HubDevice.HubAuthentication.Sas.class);
    }

    @ParameterizedTest
    @EnumSource(NodeTransport.class)
    void deviceOfASymmetricKeyGroupSignsWithTheKeyDerivedFromTheGroupKey(NodeTransport transport) {
        String groupId = transport.registrationId("node-sk-group");
        String id = transport.registrationId("node-sk-group-device");
        String groupKey = keys(simulator.service().putGroup(groupId, symmetricKey(), Optional.empty()).attestation()).primaryKey();

        JsonObject result = registerSendAndReceive(transport, id, List.of("--attestation", "group-symmetric-key", "--group-key", groupKey));

        assertRegistered(id, result, "symmetricKey");
        assertThat(simulator.service().registration(id).enrollmentGroupId()).contains(groupId);
    }

    @ParameterizedTest
    @EnumSource(NodeTransport.class)
    void selfSignedX509IndividualEnrollment(NodeTransport transport) throws IOException {
        String id = transport.registrationId("node-x509-self-signed");
        HeldCertificate device = HeldCertificate.builder().commonName(id).clientAuth().build();
        simulator.service().putEnrollment(id, X509Enrollments.individual(device.certificatePem()), Optional.empty());

        JsonObject result = registerSendAndReceive(transport, id, x509Attestation(id, device.certificatePem(), device.privateKeyPem()));

        assertRegistered(id, result, "x509");
        assertThat(result.getString("connectionString")).isEqualTo("HostName=127.0.52.2;DeviceId=" + id + ";x509=true");
        assertThat(hubDevice(id).authentication()).isInstanceOf(HubDevice.HubAuthentication.SelfSigned.class);
        assertThat(simulator.iotHub(SimulatorConfig.DEFAULT_HUB).messages(id)).singleElement()
                .satisfies(message -> assertThat(message.authMethod()).isEqualTo("selfSigned"));
    }

    /** A device certificate signed by an intermediate of a verified root, the chain in its PEM file, matched to the group by its CA. */
    @ParameterizedTest
    @EnumSource(NodeTransport.class)
    void x509GroupDeviceWithAChain(NodeTransport transport) throws IOException {
        String id = transport.registrationId("node-x509-group-device");
        String groupId = transport.registrationId("node-x509-group");
        VerifiedCaChain ca = VerifiedCaChain.uploadAndVerify(simulator.service(), transport.registrationId("node-root"));
        simulator.service().putGroup(groupId, X509Enrollments.group(ca.name()), Optional.empty());
        HeldCertificate device = ca.issueDevice(id);

        JsonObject result = registerSendAndReceive(transport, id, x509Attestation(id, device.fullChainPem(), device.privateKeyPem()));

        assertRegistered(id, result, "x509");
        assertThat(simulator.service().registration(id).enrollmentGroupId()).contains(groupId);
        assertThat(hubDevice(id).authentication()).isInstanceOf(HubDevice.HubAuthentication.CertificateAuthority.class);
        assertThat(simulator.iotHub(SimulatorConfig.DEFAULT_HUB).messages(id)).singleElement()
                .satisfies(message -> assertThat(message.authMethod()).isEqualTo("certificateAuthority"));
    }

    /**
     * The SDK renews its SAS token by connecting again, without subscribing again (it connects with CleanSession 0 and
     * relies on IoT Hub keeping its session): a cloud-to-device message sent after a renewal still reaches it.
     */
    @ParameterizedTest
    @EnumSource(value = NodeTransport.class, names = {"MQTT", "MQTT_WS"})
    void aDeviceThatRenewedItsTokenStillReceivesCloudToDeviceMessages(NodeTransport transport) {
        String id = transport.registrationId("node-sk-renewing");
        String key = keys(simulator.service().putEnrollment(id, symmetricKey(), Optional.empty()).attestation()).primaryKey();

        registerSendAndReceive(transport, id, List.of("--attestation", "symmetric-key", "--key", key, "--renew-token-every", "2"),
                () -> connectedAgainSinceSubscribing(id));

        assertThat(exchanges(id)).as("request log of %s", id).filteredOn(exchange -> exchange.startsWith("SUBSCRIBE devices/"))
                .containsExactly(deviceBoundSubscription(id));
    }

    /** Without NODE_EXTRA_CA_CERTS each transport's TLS refuses the simulator's certificate: the trust comes from it alone. */
    @ParameterizedTest
    @EnumSource(NodeTransport.class)
    void withoutNodeExtraCaCertsTheSdkRefusesTheSimulatorsCertificate(NodeTransport transport) {
        String id = transport.registrationId("node-untrusting");
        String key = keys(simulator.service().putEnrollment(id, symmetricKey(), Optional.empty()).attestation()).primaryKey();

        NodeSdk.Result result = node.start("device.js",
                deviceArguments(transport, id, List.of("--attestation", "symmetric-key", "--key", key)), Map.of()).finish(NODE_TIMEOUT);

        assertThat(result.exitCode()).as(result.transcript()).isEqualTo(1);
        assertThat(result.json().getString("failedAt")).isEqualTo("register");
        assertThat(result.json().getJsonObject("error").getString("code")).isEqualTo("SELF_SIGNED_CERT_IN_CHAIN");
        assertThat(simulator.service().registrations()).noneMatch(registration -> registration.registrationId().equals(id));
    }

    /**
     * Runs device.js as the device {@code id} on {@code transport}; once the hub has its event, queues a
     * cloud-to-device message for it; returns what node printed once it completed that message.
     */
    private JsonObject registerSendAndReceive(NodeTransport transport, String id, List<String> attestation) {
        return registerSendAndReceive(transport, id, attestation, () -> true);
    }

    /** The same, the cloud-to-device message queued only once {@code ready} holds as well. */
    private JsonObject registerSendAndReceive(NodeTransport transport, String id, List<String> attestation, BooleanSupplier ready) {
        SimulatedHub hub = simulator.iotHub(SimulatorConfig.DEFAULT_HUB);
        Map<String, String> environment = new HashMap<>(NodeUser.trustingEnvironment(settings));
        environment.put("DEBUG", NodeTransport.MQTT_DEBUG);
        NodeSdk.Run run = node.start("device.js", deviceArguments(transport, id, attestation), environment);

        run.awaitWhileRunning("event from " + id + " at the hub", NODE_TIMEOUT, () -> !hub.messages(id).isEmpty());
        run.awaitWhileRunning("the cloud-to-device message's moment for " + id, NODE_TIMEOUT, ready);
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
        assertThat(received.getJsonObject("properties").getString(transport.receivedPropertyName("color"))).isEqualTo("blue");
        assertThat(result.json().getBoolean("completed")).isTrue();
        assertThat(hub.settlements()).filteredOn(settlement -> settlement.message().equals(c2d)).singleElement()
                .satisfies(settlement -> assertThat(settlement.outcome()).isEqualTo(Settlement.Outcome.COMPLETED));
        assertThat(hub.deviceBound(id)).isEmpty();
        assertUsed(transport, id, result);
        return result.json();
    }

    /**
     * The simulator saw {@code id} register, send and receive on {@code transport} and on no other, and mqtt.js
     * dialled what the transport dials and nothing the other MQTT transport does.
     */
    private static void assertUsed(NodeTransport transport, String id, NodeSdk.Result result) {
        List<String> exchanges = exchanges(id);
        assertThat(exchanges).as("request log of %s", id)
                .allSatisfy(exchange -> assertThat(transport.loggedExchanges()).contains(exchange.split(" ")[0]));
        for (String expected : transport.deviceExchanges(simulator.idScope(), id)) {
            assertThat(exchanges).as("request log of %s", id).anySatisfy(exchange -> assertThat(exchange).startsWith(expected));
        }
        for (NodeTransport other : NodeTransport.values()) {
            for (String dial : other.dialled(simulator.globalEndpoint(), hubHost())) {
                if (other == transport) {
                    assertThat(result.transcript()).contains(dial);
                } else {
                    assertThat(result.transcript()).doesNotContain(dial);
                }
            }
        }
    }

    /** device.js's arguments for the X.509 device {@code id}: its certificate (or chain) and its private key, each in a file. */
    private List<String> x509Attestation(String id, String certificatePem, String privateKeyPem) throws IOException {
        Path certificate = Files.writeString(directory.resolve(id + ".cert.pem"), certificatePem);
        Path privateKey = Files.writeString(directory.resolve(id + ".key.pem"), privateKeyPem);
        return List.of("--attestation", "x509", "--cert", certificate.toString(), "--private-key", privateKey.toString());
    }

    /** {@code METHOD-OR-PACKET TARGET OUTCOME} of each line of the simulator's request log for {@code id}, in order. */
    private static List<String> exchanges(String id) {
        return REQUEST_LOG.stream().map(line -> line.split(" ")).filter(fields -> fields[4].equals(id))
                .map(fields -> fields[1] + " " + fields[2] + " " + fields[3]).toList();
    }

    /** Whether {@code id} connected to the hub again after it last subscribed to its cloud-to-device messages. */
    private static boolean connectedAgainSinceSubscribing(String id) {
        List<String> exchanges = exchanges(id);
        int subscribed = exchanges.lastIndexOf(deviceBoundSubscription(id));
        return subscribed >= 0 && exchanges.subList(subscribed, exchanges.size()).stream().anyMatch(exchange -> exchange.startsWith("CONNECT "));
    }

    /** The request log's entry for {@code id}'s subscription to its cloud-to-device messages. */
    private static String deviceBoundSubscription(String id) {
        return "SUBSCRIBE devices/" + id + "/messages/devicebound/# granted";
    }

    private List<String> deviceArguments(NodeTransport transport, String id, List<String> attestation) {
        List<String> arguments = new ArrayList<>(List.of("--settings", settings.toString(), "--registration-id", id,
                "--transport", transport.argument()));
        arguments.addAll(attestation);
        arguments.addAll(List.of("--body", "{\"temperature\": 21.5}", "--property", "source=node-sdk", "--c2d-timeout", "60"));
        return arguments;
    }

    private static void assertRegistered(String id, JsonObject result, String attestationType) {
        JsonObject registration = result.getJsonObject("registration");
        assertThat(registration.getString("status")).isEqualTo("assigned");
        assertThat(registration.getString("assignedHub")).isEqualTo(hubHost()).isEqualTo("127.0.52.2");
        assertThat(registration.getString("deviceId")).isEqualTo(id);
        Registration state = simulator.service().registration(id);
        assertThat(state.status()).isEqualTo(RegistrationStatus.ASSIGNED);
        assertThat(state.attestationType()).isEqualTo(attestationType);
    }

    /** The host name dev-settings.json gives the hub. */
    private static String hubHost() {
        return NodeUser.devSettings(settings).getJsonArray("hubs").getJsonObject(0).getString("hostName");
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
}
