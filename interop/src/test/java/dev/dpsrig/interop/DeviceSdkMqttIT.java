package dev.dpsrig.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.azure.sdk.iot.device.DeviceClient;
import com.microsoft.azure.sdk.iot.device.IotHubClientProtocol;
import com.microsoft.azure.sdk.iot.provisioning.device.ProvisioningDeviceClientRegistrationResult;
import com.microsoft.azure.sdk.iot.provisioning.device.ProvisioningDeviceClientTransportProtocol;
import com.microsoft.azure.sdk.iot.provisioning.security.SecurityProvider;
import com.microsoft.azure.sdk.iot.provisioning.security.SecurityProviderSymmetricKey;
import com.microsoft.azure.sdk.iot.provisioning.security.hsm.SecurityProviderX509Cert;
import dev.dpsrig.certs.HeldCertificate;
import dev.dpsrig.simulator.dps.Attestation;
import dev.dpsrig.simulator.http.InProcessDps;
import dev.dpsrig.simulator.hub.SimulatedHub;
import dev.dpsrig.simulator.server.LocalSimulator;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The official Azure IoT Java provisioning device client over MQTT, unchanged, against the simulator in the
 * SDK-compatible layout, on both transports the SDKs offer for it: MQTT over TLS on port 8883 (which the clients dial
 * whatever they are told) and MQTT over WebSockets on the HTTPS listeners' port 443. With {@code globalEndpoint} and
 * {@code idScope} from dev-settings.json, symmetric-key and X.509 devices (self-signed, an individual enrollment with
 * a chain, an enrollment group's device with a chain up to a verified root) are assigned to a hub dev-settings.json
 * lists; then the official device client, over the same transport, sends telemetry the hub logs and receives a
 * cloud-to-device message through its message callback, whose PUBACK completes it in the hub.
 */
@Tag(TrustStores.JVM_TRUST_STORE_TAG)
class DeviceSdkMqttIT {
    private static final String BASE_ADDRESS = "127.0.45.1";

    /** MQTT as the SDKs offer it, for provisioning and for the hub alike. */
    enum Transport {
        MQTT(ProvisioningDeviceClientTransportProtocol.MQTT, IotHubClientProtocol.MQTT),
        MQTT_WS(ProvisioningDeviceClientTransportProtocol.MQTT_WS, IotHubClientProtocol.MQTT_WS);

        private final ProvisioningDeviceClientTransportProtocol provisioning;
        private final IotHubClientProtocol hub;

        Transport(ProvisioningDeviceClientTransportProtocol provisioning, IotHubClientProtocol hub) {
            this.provisioning = provisioning;
            this.hub = hub;
        }

        /** A registration id of its own for each transport: {@code sdk-mqtt-x509}, {@code sdk-mqtt-ws-x509}. */
        String registrationId(String what) {
            return "sdk-" + name().toLowerCase().replace('_', '-') + "-" + what;
        }
    }

    private static LocalSimulator simulator;
    private static InProcessDps dps;
    private static DevSettings settings;

    @BeforeAll
    static void start() {
        simulator = SdkSimulator.start(BASE_ADDRESS);
        dps = simulator.service();
        settings = DevSettings.read(simulator.devSettingsFile());
        TrustStores.intoJvmTrustStore(settings.trustedRootCertificate());
    }

    @AfterAll
    static void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void devSettingsNamesTheMqttEndpointTheSdkDials() {
        assertThat(settings.dpsMqttEndpoint()).isEqualTo(settings.globalEndpoint() + ":8883");
    }

    @Test
    void devSettingsNamesEachHubsMqttEndpointTheSdkDials() {
        assertThat(settings.hubs()).allSatisfy(hub -> assertThat(hub.mqttEndpoint()).isEqualTo(hub.hostName() + ":8883"));
    }

    /** The device client opens {@code wss://<hub host>/$iothub/websocket}: 443, on the hub's HTTPS listener. */
    @Test
    void devSettingsNamesTheWebSocketEndpointsOnTheHttpsListeners() {
        assertThat(settings.dpsMqttWebSocketEndpoint()).isEqualTo("wss://" + settings.globalEndpoint() + "/$iothub/websocket");
        assertThat(settings.hubs()).allSatisfy(hub -> assertThat(hub.mqttWebSocketEndpoint())
                .isEqualTo("wss://" + hub.hostName() + "/$iothub/websocket"));
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void symmetricKeyIndividualEnrollment(Transport transport) throws Exception {
        String registrationId = transport.registrationId("symmetric");
        Attestation.SymmetricKey keys = (Attestation.SymmetricKey) dps.putEnrollment(registrationId,
                attestation(Json.createObjectBuilder().add("type", "symmetricKey").build()), Optional.empty()).attestation();

        register(transport, registrationId,
                new SecurityProviderSymmetricKey(keys.primaryKey().getBytes(StandardCharsets.UTF_8), registrationId));
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void symmetricKeyDeviceExchangesMessagesWithItsHub(Transport transport) throws Exception {
        String registrationId = transport.registrationId("telemetry");
        Attestation.SymmetricKey keys = (Attestation.SymmetricKey) dps.putEnrollment(registrationId,
                attestation(Json.createObjectBuilder().add("type", "symmetricKey").build()), Optional.empty()).attestation();

        registerAndExchangeMessages(transport, registrationId,
                new SecurityProviderSymmetricKey(keys.primaryKey().getBytes(StandardCharsets.UTF_8), registrationId));
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void x509SelfSignedIndividualEnrollment(Transport transport) throws Exception {
        String registrationId = transport.registrationId("x509");
        HeldCertificate device = HeldCertificate.builder().commonName(registrationId).clientAuth().build();
        dps.putEnrollment(registrationId, X509Enrollments.individual(device.certificatePem()), Optional.empty());

        register(transport, registrationId, new SecurityProviderX509Cert(device.certificate(), device.privateKey(), List.of()));
    }

    /** A device certificate signed by an intermediate of a verified root, the chain presented, matched to the group by its CA. */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void x509GroupDeviceWithAChainExchangesMessagesWithItsHub(Transport transport) throws Exception {
        String registrationId = transport.registrationId("x509-group-device");
        VerifiedCaChain ca = VerifiedCaChain.uploadAndVerify(dps, transport.registrationId("root"));
        String group = transport.registrationId("x509-group");
        dps.putGroup(group, X509Enrollments.group(ca.name()), Optional.empty());

        registerAndExchangeMessages(transport, registrationId, ca.securityProvider(ca.issueDevice(registrationId)));

        assertThat(dps.registration(registrationId).enrollmentGroupId()).contains(group);
    }

    /** The device's own certificate enrolled individually, the chain up to a verified root presented with it. */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void x509IndividualEnrollmentWithAChainExchangesMessagesWithItsHub(Transport transport) throws Exception {
        String registrationId = transport.registrationId("x509-chain-device");
        VerifiedCaChain ca = VerifiedCaChain.uploadAndVerify(dps, transport.registrationId("individual-root"));
        HeldCertificate device = ca.issueDevice(registrationId);
        dps.putEnrollment(registrationId, X509Enrollments.individual(device.certificatePem()), Optional.empty());

        registerAndExchangeMessages(transport, registrationId, ca.securityProvider(device));

        assertThat(dps.registration(registrationId).enrollmentGroupId()).isEmpty();
    }

    /** Provisioned, then the device client over the same transport with the same security provider, as the SDK's samples do. */
    private static void registerAndExchangeMessages(Transport transport, String registrationId, SecurityProvider securityProvider)
            throws Exception {
        ProvisioningDeviceClientRegistrationResult result = register(transport, registrationId, securityProvider);
        SimulatedHub hub = simulator.iotHub(settings.hubAt(result.getIothubUri()).name());
        DeviceRoundTrip.telemetryAndCloudToDevice(hub, result.getDeviceId(),
                new DeviceClient(result.getIothubUri(), result.getDeviceId(), securityProvider, transport.hub));
    }

    private static ProvisioningDeviceClientRegistrationResult register(Transport transport, String registrationId,
                                                                       SecurityProvider securityProvider) throws Exception {
        ProvisioningDeviceClientRegistrationResult result = DeviceRoundTrip.register(settings, registrationId, securityProvider,
                transport.provisioning);

        assertThat(settings.hubAt(result.getIothubUri()).hostName()).isEqualTo(dps.registration(registrationId).assignedHub().orElseThrow());
        return result;
    }

    private static JsonObject attestation(JsonObject attestation) {
        return Json.createObjectBuilder().add("attestation", attestation).build();
    }
}
