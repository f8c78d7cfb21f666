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

/**
 * The official Azure IoT Java provisioning device client over MQTT (TLS, port 8883, which it dials whatever it is
 * told), unchanged, against the simulator in the SDK-compatible layout: {@code globalEndpoint} and {@code idScope}
 * from dev-settings.json, symmetric-key and X.509 devices (self-signed, an individual enrollment with a chain, an
 * enrollment group's device with a chain up to a verified root) assigned to a hub dev-settings.json lists; then the
 * official device client over MQTT (8883 at the hub's address) sending telemetry the hub logs and receiving a
 * cloud-to-device message through its message callback, whose PUBACK completes it in the hub.
 */
@Tag(TrustStores.JVM_TRUST_STORE_TAG)
class DeviceSdkMqttIT {
    private static final String BASE_ADDRESS = "127.0.45.1";

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

    @Test
    void symmetricKeyIndividualEnrollment() throws Exception {
        String registrationId = "sdk-mqtt-symmetric";
        Attestation.SymmetricKey keys = (Attestation.SymmetricKey) dps.putEnrollment(registrationId,
                attestation(Json.createObjectBuilder().add("type", "symmetricKey").build()), Optional.empty()).attestation();

        registerOverMqtt(registrationId,
                new SecurityProviderSymmetricKey(keys.primaryKey().getBytes(StandardCharsets.UTF_8), registrationId));
    }

    @Test
    void symmetricKeyDeviceExchangesMessagesWithItsHubOverMqtt() throws Exception {
        String registrationId = "sdk-mqtt-telemetry";
        Attestation.SymmetricKey keys = (Attestation.SymmetricKey) dps.putEnrollment(registrationId,
                attestation(Json.createObjectBuilder().add("type", "symmetricKey").build()), Optional.empty()).attestation();
        SecurityProvider securityProvider = new SecurityProviderSymmetricKey(keys.primaryKey().getBytes(StandardCharsets.UTF_8),
                registrationId);

        registerAndExchangeMessagesOverMqtt(registrationId, securityProvider);
    }

    @Test
    void x509SelfSignedIndividualEnrollment() throws Exception {
        String registrationId = "sdk-mqtt-x509";
        HeldCertificate device = HeldCertificate.builder().commonName(registrationId).clientAuth().build();
        dps.putEnrollment(registrationId, X509Enrollments.individual(device.certificatePem()), Optional.empty());

        registerOverMqtt(registrationId, new SecurityProviderX509Cert(device.certificate(), device.privateKey(), List.of()));
    }

    /** A device certificate signed by an intermediate of a verified root, the chain presented, matched to the group by its CA. */
    @Test
    void x509GroupDeviceWithAChainSendsTelemetryToItsHubOverMqtt() throws Exception {
        String registrationId = "sdk-mqtt-x509-group-device";
        VerifiedCaChain ca = VerifiedCaChain.uploadAndVerify(dps, "sdk-mqtt-root");
        dps.putGroup("sdk-mqtt-x509-group", X509Enrollments.group(ca.name()), Optional.empty());

        registerAndExchangeMessagesOverMqtt(registrationId, ca.securityProvider(ca.issueDevice(registrationId)));

        assertThat(dps.registration(registrationId).enrollmentGroupId()).contains("sdk-mqtt-x509-group");
    }

    /** The device's own certificate enrolled individually, the chain up to a verified root presented with it. */
    @Test
    void x509IndividualEnrollmentWithAChainSendsTelemetryToItsHubOverMqtt() throws Exception {
        String registrationId = "sdk-mqtt-x509-chain-device";
        VerifiedCaChain ca = VerifiedCaChain.uploadAndVerify(dps, "sdk-mqtt-individual-root");
        HeldCertificate device = ca.issueDevice(registrationId);
        dps.putEnrollment(registrationId, X509Enrollments.individual(device.certificatePem()), Optional.empty());

        registerAndExchangeMessagesOverMqtt(registrationId, ca.securityProvider(device));

        assertThat(dps.registration(registrationId).enrollmentGroupId()).isEmpty();
    }

    /** Provisioned over MQTT, then the device client over MQTT with the same security provider, as the SDK's samples do. */
    private static void registerAndExchangeMessagesOverMqtt(String registrationId, SecurityProvider securityProvider) throws Exception {
        ProvisioningDeviceClientRegistrationResult result = registerOverMqtt(registrationId, securityProvider);
        SimulatedHub hub = simulator.iotHub(settings.hubAt(result.getIothubUri()).name());
        DeviceRoundTrip.telemetryAndCloudToDevice(hub, result.getDeviceId(),
                new DeviceClient(result.getIothubUri(), result.getDeviceId(), securityProvider, IotHubClientProtocol.MQTT));
    }

    private static ProvisioningDeviceClientRegistrationResult registerOverMqtt(String registrationId, SecurityProvider securityProvider)
            throws Exception {
        ProvisioningDeviceClientRegistrationResult result = DeviceRoundTrip.register(settings, registrationId, securityProvider,
                ProvisioningDeviceClientTransportProtocol.MQTT);

        assertThat(settings.hubAt(result.getIothubUri()).hostName()).isEqualTo(dps.registration(registrationId).assignedHub().orElseThrow());
        return result;
    }

    private static JsonObject attestation(JsonObject attestation) {
        return Json.createObjectBuilder().add("attestation", attestation).build();
    }
}
