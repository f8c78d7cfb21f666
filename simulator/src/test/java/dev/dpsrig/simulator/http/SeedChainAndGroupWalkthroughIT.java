package dev.dpsrig.simulator.http;

import static dev.dpsrig.simulator.http.DpsAssertions.assertAssigned;
import static dev.dpsrig.simulator.http.DpsAssertions.assertDpsError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dpsrig.certs.HeldCertificate;
import dev.dpsrig.simulator.dps.Attestation;
import dev.dpsrig.simulator.dps.HubDevice;
import dev.dpsrig.simulator.server.LocalSimulator;
import dev.dpsrig.simulator.server.SimulatorConfig;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The walkthrough flows SeedWalkthroughIT leaves out, run with the real curl and python3: an X.509
 * individual enrollment with a certificate chain whose root is verified by proof of possession
 * over the service API, X.509 enrollment groups (signing certificate, CA reference), and a
 * symmetric-key enrollment group with derived device keys.
 */
class SeedChainAndGroupWalkthroughIT {
    private static final String DEVICE = "device-01";
    private static final String ROOT_CA_NAME = "azure-iot-test-only-root";
    private static final String GROUP = "contoso-group";

    @TempDir
    Path dir;

    private LocalSimulator simulator;
    private InProcessDps dps;
    private DpsClient client;
    private SeedPki pki;
    private SeedPki.SeedFiles files;

    @BeforeEach
    void start() {
        simulator = LocalSimulator.start(SimulatorConfig.forTests());
        dps = simulator.service();
        client = new DpsClient(simulator, dir);
        pki = SeedPki.create();
        files = pki.writeSeedFiles(dir, pki.device(DEVICE));
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void individualEnrollmentWithChainOnceTheRootIsVerifiedByProofOfPossession() throws Exception {
        dps.putEnrollment(DEVICE, Enrollments.clientCertificate(read(files.deviceCertificate())), Optional.empty());

        CurlResponse uploaded = client.service("PUT", "/certificates/" + ROOT_CA_NAME,
                Optional.of(Json.createObjectBuilder().add("certificate", read(files.rootCertificate())).build()));
        assertThat(uploaded.status()).as(DpsClient.describe(uploaded)).isEqualTo(200);
        assertThat(uploaded.json().getJsonObject("properties").getBoolean("isVerified")).isFalse();

        assertDpsError(client.register(DEVICE, files.curlCredentials()), 401, 401002, "uploaded to the service and verified");

        CurlResponse generated = client.service("POST", "/certificates/" + ROOT_CA_NAME + "/generateVerificationCode", Optional.empty());
        assertThat(generated.status()).as(DpsClient.describe(generated)).isEqualTo(200);
        String code = generated.json().getJsonObject("properties").getString("verificationCode");
        assertThat(code).isNotBlank();

        HeldCertificate proof = pki.verificationCertificate(code);
        CurlResponse verified = client.service("POST", "/certificates/" + ROOT_CA_NAME + "/verify",
                Optional.of(Json.createObjectBuilder().add("certificate", proof.certificatePem()).build()));
        assertThat(verified.status()).as(DpsClient.describe(verified)).isEqualTo(200);
        assertThat(verified.json().getJsonObject("properties").getBoolean("isVerified")).isTrue();

        JsonObject state = assertAssigned(client.registerAndAwait(DEVICE, files.curlCredentials()));

        assertThat(state.getString("registrationId")).isEqualTo(DEVICE);
        assertThat(state.getString("deviceId")).isEqualTo(DEVICE);
        assertThat(state.getString("assignedHub")).isEqualTo(simulator.hubs().getFirst().hostName());
        assertThat(state.getJsonObject("x509").containsKey("enrollmentGroupId")).isFalse();
        assertThat(state.getJsonObject("x509").getJsonObject("certificateInfo").getString("subjectName")).isEqualTo("CN=" + DEVICE);
        assertThat(dps.hubs().getFirst().device(DEVICE)).hasValueSatisfying(device ->
                assertThat(device.authentication()).isInstanceOf(HubDevice.HubAuthentication.SelfSigned.class));
    }

    @Test
    void enrollmentGroupWithTheIntermediateAsSigningCertificate() {
        dps.putCaCertificate(ROOT_CA_NAME, pki.root().certificate(), true, Optional.empty());
        dps.putGroup(GROUP, Enrollments.signingCertificate(pki.intermediate().certificate()), Optional.empty());

        JsonObject state = assertAssigned(client.registerAndAwait(DEVICE, files.curlCredentials()));

        assertThat(state.getJsonObject("x509").getString("enrollmentGroupId")).isEqualTo(GROUP);
        assertThat(state.getString("deviceId")).isEqualTo(DEVICE);
        assertThat(dps.hubs().getFirst().device(DEVICE)).hasValueSatisfying(device ->
                assertThat(device.authentication()).isInstanceOf(HubDevice.HubAuthentication.CertificateAuthority.class));
    }

    @Test
    void enrollmentGroupReferencingAVerifiedCa() {
        dps.putCaCertificate(ROOT_CA_NAME, pki.root().certificate(), true, Optional.empty());
        dps.putGroup(GROUP, Enrollments.caReference(ROOT_CA_NAME), Optional.empty());

        JsonObject state = assertAssigned(client.registerAndAwait(DEVICE, files.curlCredentials()));

        assertThat(state.getJsonObject("x509").getString("enrollmentGroupId")).isEqualTo(GROUP);
        assertThat(state.getString("deviceId")).isEqualTo(DEVICE);
    }

    @Test
    void symmetricKeyEnrollmentGroupWithDeviceKeysDerivedFromTheGroupKey() {
        Attestation.SymmetricKey groupKeys = Enrollments.keysOf(
                dps.putGroup(GROUP, Enrollments.symmetricKey(), Optional.empty()).attestation());

        JsonObject first = registerWithDerivedKey("contoso-simdevice-01", groupKeys.primaryKey());
        JsonObject second = registerWithDerivedKey("contoso-simdevice-02", groupKeys.secondaryKey());

        assertThat(first.getString("deviceId")).isEqualTo("contoso-simdevice-01");
        assertThat(second.getString("deviceId")).isEqualTo("contoso-simdevice-02");
        assertThat(first.getJsonObject("symmetricKey").getString("enrollmentGroupId")).isEqualTo(GROUP);
        assertThat(second.getJsonObject("symmetricKey").getString("enrollmentGroupId")).isEqualTo(GROUP);
        assertThat(dps.hubs().getFirst().devices()).extracting(HubDevice::deviceId)
                .containsExactlyInAnyOrder("contoso-simdevice-01", "contoso-simdevice-02");
    }

    @Test
    void theGroupKeyItselfIsRefused() {
        Attestation.SymmetricKey groupKeys = Enrollments.keysOf(
                dps.putGroup(GROUP, Enrollments.symmetricKey(), Optional.empty()).attestation());
        String token = SeedScripts.sasToken(dir, client.resourceUri("contoso-simdevice-01"), groupKeys.primaryKey());

        CurlResponse refused = client.register("contoso-simdevice-01", DpsClient.sas(token));

        assertDpsError(refused, 401, 401002, "key of enrollment group '" + GROUP + "' itself");
        assertThat(dps.hubs().getFirst().devices()).isEmpty();
    }

    private JsonObject registerWithDerivedKey(String registrationId, String groupKey) {
        String deviceKey = SeedScripts.deriveDeviceKey(dir, groupKey, registrationId);
        assertThat(deviceKey).isNotEqualTo(groupKey).matches("[A-Za-z0-9+/]{43}=");
        List<String> credentials = DpsClient.sas(SeedScripts.sasToken(dir, client.resourceUri(registrationId), deviceKey));
        JsonObject state = assertAssigned(client.registerAndAwait(registrationId, credentials));
        assertThat(dps.hubs().getFirst().device(registrationId)).hasValueSatisfying(device ->
                assertThat(device.authentication()).isInstanceOfSatisfying(HubDevice.HubAuthentication.Sas.class,
                        sas -> assertThat(List.of(sas.primaryKey(), sas.secondaryKey())).contains(deviceKey)));
        return state;
    }

    private String read(String relativePath) throws Exception {
        return Files.readString(dir.resolve(relativePath));
    }
}
