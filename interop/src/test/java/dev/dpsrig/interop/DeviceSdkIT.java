package dev.dpsrig.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.azure.sdk.iot.device.ClientOptions;
import com.microsoft.azure.sdk.iot.device.DeviceClient;
import com.microsoft.azure.sdk.iot.device.IotHubClientProtocol;
import com.microsoft.azure.sdk.iot.device.IotHubMessageResult;
import com.microsoft.azure.sdk.iot.device.Message;
import com.microsoft.azure.sdk.iot.provisioning.device.ProvisioningDeviceClient;
import com.microsoft.azure.sdk.iot.provisioning.device.ProvisioningDeviceClientRegistrationResult;
import com.microsoft.azure.sdk.iot.provisioning.device.ProvisioningDeviceClientStatus;
import com.microsoft.azure.sdk.iot.provisioning.device.ProvisioningDeviceClientTransportProtocol;
import com.microsoft.azure.sdk.iot.provisioning.security.SecurityProvider;
import com.microsoft.azure.sdk.iot.provisioning.security.SecurityProviderSymmetricKey;
import com.microsoft.azure.sdk.iot.provisioning.security.hsm.SecurityProviderX509Cert;
import dev.dpsrig.certs.HeldCertificate;
import dev.dpsrig.simulator.protocol.MessageProperty;
import dev.dpsrig.simulator.service.Attestation;
import dev.dpsrig.simulator.service.CaCertificate;
import dev.dpsrig.simulator.service.ProvisioningService;
import dev.dpsrig.simulator.service.hub.CloudToDeviceMessage;
import dev.dpsrig.simulator.service.hub.DeviceMessage;
import dev.dpsrig.simulator.service.hub.Settlement;
import dev.dpsrig.simulator.service.hub.SimulatedHub;
import dev.dpsrig.simulator.service.http.LocalSimulator;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The official Azure IoT Java device SDKs over HTTPS, unchanged, against the simulator: the
 * provisioning device client registers with {@code globalEndpoint} and {@code idScope} from
 * dev-settings.json, then the device client opens to the assigned hub with the same security
 * provider, sends telemetry and completes a cloud-to-device message.
 */
class DeviceSdkIT {
    private static final String BASE_ADDRESS = "127.0.42.1";
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** The HTTPS transport polls for cloud-to-device messages; the SDK's default of 10 ms would hammer the hub. */
    private static final int RECEIVE_INTERVAL_MILLIS = 100;

    private static LocalSimulator simulator;
    private static ProvisioningService dps;
    private static DevSettings settings;

    @BeforeAll
    static void start() {
        simulator = SdkSimulator.start(BASE_ADDRESS);
        dps = simulator.service();
        settings = DevSettings.read(simulator.devSettingsFile());
        JvmTrustStore.trustOnly(settings.trustedRootCertificate());
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
        dps.putEnrollment(registrationId, attestation(Json.createObjectBuilder().add("type", "x509").add("x509",
                Json.createObjectBuilder().add("clientCertificates", primaryCertificate(device.certificatePem())))), Optional.empty());

        provisionAndExchangeMessages(registrationId,
                new SecurityProviderX509Cert(device.certificate(), device.privateKey(), List.of()));
    }

    @Test
    void x509GroupWithAChainUpToAVerifiedRootCa() throws Exception {
        String registrationId = "sdk-x509-chain-device";
        HeldCertificate root = HeldCertificate.builder().commonName("dpsrig interop root CA").certificateAuthority().build();
        HeldCertificate intermediate = HeldCertificate.builder().commonName("dpsrig interop intermediate CA")
                .certificateAuthority(0).signedBy(root).build();
        HeldCertificate device = HeldCertificate.builder().commonName(registrationId).clientAuth().signedBy(intermediate).build();
        String caName = "sdk-interop-root";
        dps.putCaCertificate(caName, root.certificate(), false, Optional.empty());
        String code = dps.generateVerificationCode(caName, Optional.empty()).verificationCode().orElseThrow();
        CaCertificate verified = dps.verifyCaCertificate(caName,
                HeldCertificate.builder().commonName(code).signedBy(root).build().certificate(), Optional.empty());
        assertThat(verified.verified()).isTrue();
        dps.putGroup("sdk-x509-group", attestation(Json.createObjectBuilder().add("type", "x509").add("x509",
                Json.createObjectBuilder().add("caReferences", Json.createObjectBuilder().add("primary", caName)))), Optional.empty());

        provisionAndExchangeMessages(registrationId,
                new SecurityProviderX509Cert(device.certificate(), device.privateKey(), List.of(intermediate.certificate())));

        assertThat(dps.registration(registrationId).enrollmentGroupId()).contains("sdk-x509-group");
    }

    /**
     * Registration through the provisioning device client, then the device client on the hub DPS
     * assigned: one telemetry message up, one cloud-to-device message down and completed.
     */
    private static ProvisioningDeviceClientRegistrationResult provisionAndExchangeMessages(String registrationId,
                                                                                        SecurityProvider securityProvider)
            throws Exception {
        ProvisioningDeviceClient provisioning = ProvisioningDeviceClient.create(settings.globalEndpoint(), settings.idScope(),
                ProvisioningDeviceClientTransportProtocol.HTTPS, securityProvider);
        ProvisioningDeviceClientRegistrationResult result;
        try {
            result = provisioning.registerDeviceSync();
        } finally {
            provisioning.close();
        }
        assertThat(result.getProvisioningDeviceClientStatus()).isEqualTo(ProvisioningDeviceClientStatus.PROVISIONING_DEVICE_STATUS_ASSIGNED);
        assertThat(result.getDeviceId()).isEqualTo(registrationId);
        DevSettings.Hub assigned = settings.hubAt(result.getIothubUri());
        SimulatedHub hub = simulator.iotHub(assigned.name());

        BlockingQueue<Message> received = new LinkedBlockingQueue<>();
        DeviceClient client = new DeviceClient(result.getIothubUri(), result.getDeviceId(), securityProvider, IotHubClientProtocol.HTTPS,
                ClientOptions.builder().receiveInterval(RECEIVE_INTERVAL_MILLIS).build());
        client.setMessageCallback((message, context) -> {
            received.add(message);
            return IotHubMessageResult.COMPLETE;
        }, null);
        client.open(false);
        try {
            Message telemetry = new Message("{\"temperature\":21.5}");
            telemetry.setProperty("sdk", "java");
            telemetry.setContentType("application/json");
            telemetry.setContentEncoding("utf-8");
            client.sendEvent(telemetry);

            DeviceMessage arrived = hub.awaitMessages(registrationId, 1, WAIT).getFirst();
            assertThat(arrived.bodyText()).isEqualTo("{\"temperature\":21.5}");
            assertThat(arrived.properties()).containsEntry("sdk", "java");

            CloudToDeviceMessage queued = hub.sendToDevice(registrationId, "{\"command\":\"blink\"}".getBytes(StandardCharsets.UTF_8),
                    Map.of("priority", "high"), Map.of(MessageProperty.MESSAGE_ID, "c2d-" + registrationId), Optional.empty());
            Message command = received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(command).as("cloud-to-device message delivered to the SDK's callback").isNotNull();
            assertThat(new String(command.getBytes(), StandardCharsets.UTF_8)).isEqualTo("{\"command\":\"blink\"}");
            assertThat(command.getProperty("priority")).isEqualTo("high");
            assertThat(command.getMessageId()).isEqualTo("c2d-" + registrationId);

            Settlement settled = awaitSettlement(hub, queued);
            assertThat(settled.outcome()).isEqualTo(Settlement.Outcome.COMPLETED);
            assertThat(hub.deviceBound(registrationId)).isEmpty();
        } finally {
            client.close();
        }
        return result;
    }

    private static Settlement awaitSettlement(SimulatedHub hub, CloudToDeviceMessage message) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Settlement> settled = hub.settlements().stream()
                    .filter(settlement -> settlement.message().sequenceNumber() == message.sequenceNumber())
                    .findFirst();
            if (settled.isPresent()) {
                return settled.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the device never settled " + message + "; settlements: " + hub.settlements());
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

    private static JsonObjectBuilder primaryCertificate(String pem) {
        return Json.createObjectBuilder().add("primary", Json.createObjectBuilder().add("certificate", pem));
    }
}
