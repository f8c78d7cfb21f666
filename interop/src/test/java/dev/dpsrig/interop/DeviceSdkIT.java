package dev.dpsrig.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.azure.sdk.iot.device.ClientOptions;
import com.microsoft.azure.sdk.iot.device.DeviceClient;
import com.microsoft.azure.sdk.iot.device.IotHubClientProtocol;
import com.microsoft.azure.sdk.iot.provisioning.device.ProvisioningDeviceClientRegistrationResult;
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
import jakarta.json.JsonObjectBuilder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The official Azure IoT Java device SDKs over HTTPS, unchanged, against the simulator: the
 * provisioning device client registers with {@code globalEndpoint} and {@code idScope} from
 * dev-settings.json, then the device client opens to the assigned hub with the same security
 * provider, sends telemetry and completes a cloud-to-device message.
 */
@Tag(TrustStores.JVM_TRUST_STORE_TAG)
class DeviceSdkIT {
    private static final String BASE_ADDRESS = "127.0.42.1";

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
    void symmetricKeyIndividualEnrollment() throws Exception {
        String registrationId = "sdk-symmetric-individual";
        Attestation.SymmetricKey keys = (Attestation.SymmetricKey) dps.putEnrollment(registrationId,
                attestation(Json.createObjectBuilder().add("type", "symmetricKey")), Optional.empty()).attestation();

        provisionAndExchangeMessages(registrationId,
                new SecurityProviderSymmetricKey(keys.primaryKey().getBytes(StandardCharsets.UTF_8), registrationId));
    }

    @Test
    void symmetricKeyGroupWithTheDeviceKeyDerivedFromTheGroupKey() throws Exception {
        String registrationId = "sdk-symmetric-group-device";
        Attestation.SymmetricKey groupKeys = (Attestation.SymmetricKey) dps.putGroup("sdk-symmetric-group",
                attestation(Json.createObjectBuilder().add("type", "symmetricKey")), Optional.empty()).attestation();
        String deviceKey = deriveDeviceKey(groupKeys.primaryKey(), registrationId);
        assertThat(deviceKey).isEqualTo(new String(SecurityProviderSymmetricKey.ComputeDerivedSymmetricKey(
                groupKeys.primaryKey().getBytes(StandardCharsets.UTF_8), registrationId), StandardCharsets.UTF_8));

        ProvisioningDeviceClientRegistrationResult result = provisionAndExchangeMessages(registrationId,
                new SecurityProviderSymmetricKey(deviceKey.getBytes(StandardCharsets.UTF_8), registrationId));

        assertThat(dps.registration(registrationId).enrollmentGroupId()).contains("sdk-symmetric-group");
        assertThat(result.getDeviceId()).isEqualTo(registrationId);
    }

    @Test
    void x509SelfSignedIndividualEnrollment() throws Exception {
        String registrationId = "sdk-x509-self-signed";
        HeldCertificate device = HeldCertificate.builder().commonName(registrationId).clientAuth().build();
        dps.putEnrollment(registrationId, X509Enrollments.individual(device.certificatePem()), Optional.empty());

        provisionAndExchangeMessages(registrationId,
                new SecurityProviderX509Cert(device.certificate(), device.privateKey(), List.of()));
    }

    @Test
    void x509GroupWithAChainUpToAVerifiedRootCa() throws Exception {
        String registrationId = "sdk-x509-chain-device";
        VerifiedCaChain ca = VerifiedCaChain.uploadAndVerify(dps, "sdk-interop-root");
        dps.putGroup("sdk-x509-group", X509Enrollments.group(ca.name()), Optional.empty());

        provisionAndExchangeMessages(registrationId, ca.securityProvider(ca.issueDevice(registrationId)));

        assertThat(dps.registration(registrationId).enrollmentGroupId()).contains("sdk-x509-group");
    }

    /**
     * Registration through the provisioning device client, then the device client with the same
     * security provider on the hub DPS assigned, as the SDK's samples do.
     */
    private static ProvisioningDeviceClientRegistrationResult provisionAndExchangeMessages(String registrationId,
                                                                                        SecurityProvider securityProvider)
            throws Exception {
        ProvisioningDeviceClientRegistrationResult result = DeviceRoundTrip.register(settings, registrationId, securityProvider);
        SimulatedHub hub = simulator.iotHub(settings.hubAt(result.getIothubUri()).name());
        DeviceRoundTrip.telemetryAndCloudToDevice(hub, registrationId, new DeviceClient(result.getIothubUri(), result.getDeviceId(),
                securityProvider, IotHubClientProtocol.HTTPS,
                ClientOptions.builder().receiveInterval(DeviceRoundTrip.RECEIVE_INTERVAL_MILLIS).build()));
        return result;
    }

    /** What the group enrollment walkthroughs tell a user to compute: base64(HMAC-SHA256(base64decode(groupKey), registrationId)). */
    private static String deriveDeviceKey(String groupKey, String registrationId) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(groupKey), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(registrationId.getBytes(StandardCharsets.UTF_8)));
    }

    private static JsonObject attestation(JsonObjectBuilder attestation) {
        return Json.createObjectBuilder().add("attestation", attestation).build();
    }
}
