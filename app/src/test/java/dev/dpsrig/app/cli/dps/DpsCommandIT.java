package dev.dpsrig.app.cli.dps;

import static dev.dpsrig.app.cli.CommandRun.dpsrig;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dpsrig.app.cli.CommandRun;
import dev.dpsrig.app.cli.SimulatorFolder;
import dev.dpsrig.certs.Certificates;
import dev.dpsrig.certs.HeldCertificate;
import dev.dpsrig.certs.IdentityFiles;
import dev.dpsrig.protocol.SasToken;
import dev.dpsrig.simulator.dps.DeviceCredentials;
import dev.dpsrig.simulator.dps.OperationStatus;
import dev.dpsrig.simulator.http.InProcessDps;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dpsrig dps ...} against the simulator over HTTPS, with the seed walkthroughs' {@code az iot dps}
 * lines ({@code -g} and {@code --dps-name} included) and the exit codes the {@code dpsrig} main gives.
 */
class DpsCommandIT {
    @RegisterExtension
    final SimulatorFolder running = new SimulatorFolder();

    @TempDir
    Path files;

    @Test
    void symmetricKeyEnrollmentShowsItsKeysOnCreateAndOnShowKeys() {
        CommandRun created = dps("enrollment", "create", "-g", "my-rg", "--dps-name", "my-dps",
                "--enrollment-id", "my-symkey-device", "--attestation-type", "symmetrickey");

        assertThat(created.exitCode()).as(created.err()).isZero();
        JsonObject createdKeys = created.json().getJsonObject("attestation").getJsonObject("symmetricKey");
        assertThat(createdKeys.getString("primaryKey")).isNotBlank();

        CommandRun plain = dps("enrollment", "show", "--enrollment-id", "my-symkey-device");
        assertThat(plain.json().getJsonObject("attestation").getJsonObject("symmetricKey")).doesNotContainKey("primaryKey");

        CommandRun shown = dps("enrollment", "show", "-g", "my-rg", "--dps-name", "my-dps",
                "--enrollment-id", "my-symkey-device", "--show-keys", "true");
        assertThat(shown.exitCode()).as(shown.err()).isZero();
        assertThat(shown.out()).startsWith("{");
        JsonObject keys = shown.json().getJsonObject("attestation").getJsonObject("symmetricKey");
        assertThat(keys.getString("primaryKey")).isEqualTo(createdKeys.getString("primaryKey"));
        assertThat(keys.getString("secondaryKey")).isNotBlank().isNotEqualTo(keys.getString("primaryKey"));
        assertThat(shown.json().getString("registrationId")).isEqualTo("my-symkey-device");
    }

    @Test
    void givenKeysAndPolicyOptionsReachTheEnrollment() {
        String primary = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
        String hub = running.simulator().hubs().getFirst().hostName();

        CommandRun created = dps("enrollment", "create", "--enrollment-id", "dev-7", "--attestation-type", "SymmetricKey",
                "--primary-key", primary, "--device-id", "device-seven", "--provisioning-status", "disabled",
                "--allocation-policy", "static", "--iot-hubs", hub, "--edge-enabled",
                "--initial-twin-tags", "{\"room\":\"lab\"}", "--initial-twin-properties", "{\"rate\":5}",
                "--reprovision-policy", "neverreprovision");

        assertThat(created.exitCode()).as(created.err()).isZero();
        JsonObject enrollment = created.json();
        assertThat(enrollment.getJsonObject("attestation").getJsonObject("symmetricKey").getString("primaryKey")).isEqualTo(primary);
        assertThat(enrollment.getString("deviceId")).isEqualTo("device-seven");
        assertThat(enrollment.getString("provisioningStatus")).isEqualTo("disabled");
        assertThat(enrollment.getString("allocationPolicy")).isEqualTo("static");
        assertThat(enrollment.getJsonArray("iotHubs").getValuesAs(JsonString::getString)).containsExactly(hub);
        assertThat(enrollment.getJsonObject("capabilities").getBoolean("iotEdge")).isTrue();
        assertThat(enrollment.getJsonObject("initialTwin").getJsonObject("tags").getString("room")).isEqualTo("lab");
        assertThat(enrollment.getJsonObject("initialTwin").getJsonObject("properties").getJsonObject("desired").getInt("rate"))
                .isEqualTo(5);
        assertThat(enrollment.getJsonObject("reprovisionPolicy").getBoolean("updateHubAssignment")).isFalse();
        assertThat(enrollment.getJsonObject("reprovisionPolicy").getBoolean("migrateDeviceData")).isFalse();
    }

    @Test
    void x509EnrollmentHoldsTheDeviceCertificate() {
        HeldCertificate device = HeldCertificate.builder().commonName("my-x509-device").clientAuth().build();
        Path certificate = files.resolve("device-cert.pem");
        IdentityFiles.writeCertificates(certificate, List.of(device.certificate()));

        CommandRun created = dps("enrollment", "create", "-g", "my-rg", "--dps-name", "my-dps", "--enrollment-id", "my-x509-device",
                "--attestation-type", "x509", "--certificate-path", certificate.toString());
        assertThat(created.exitCode()).as(created.err()).isZero();

        CommandRun shown = dps("enrollment", "show", "--enrollment-id", "my-x509-device");
        JsonObject info = shown.json().getJsonObject("attestation").getJsonObject("x509")
                .getJsonObject("clientCertificates").getJsonObject("primary").getJsonObject("info");
        assertThat(info.getString("subjectName")).isEqualTo("CN=my-x509-device");
        assertThat(info.getString("sha1Thumbprint")).isEqualTo(Certificates.sha1Thumbprint(device.certificate()));
    }

    @Test
    void enrollmentGroupsBySigningCertificateAndByCaName() {
        HeldCertificate root = HeldCertificate.builder().commonName("Azure IoT Hub CA Cert Test Only").certificateAuthority().build();
        HeldCertificate intermediate = HeldCertificate.builder().commonName("Azure IoT Hub Intermediate Cert Test Only")
                .certificateAuthority(0).signedBy(root).build();
        Path rootFile = files.resolve("azure-iot-test-only.root.ca.cert.pem");
        Path intermediateFile = files.resolve("azure-iot-test-only.intermediate.cert.pem");
        IdentityFiles.writeCertificates(rootFile, List.of(root.certificate()));
        IdentityFiles.writeCertificates(intermediateFile, List.of(intermediate.certificate()));

        CommandRun byCertificate = dps("enrollment-group", "create", "-g", "my-rg", "--dps-name", "my-dps",
                "--enrollment-id", "x509-group", "--certificate-path", intermediateFile.toString());
        assertThat(byCertificate.exitCode()).as(byCertificate.err()).isZero();
        JsonObject signing = byCertificate.json().getJsonObject("attestation").getJsonObject("x509")
                .getJsonObject("signingCertificates").getJsonObject("primary").getJsonObject("info");
        assertThat(signing.getString("subjectName")).isEqualTo("CN=Azure IoT Hub Intermediate Cert Test Only");

        CommandRun uploaded = dps("certificate", "create", "--certificate-name", "azure-iot-test-only-root",
                "--path", rootFile.toString(), "--verified", "true");
        assertThat(uploaded.exitCode()).as(uploaded.err()).isZero();
        CommandRun byName = dps("enrollment-group", "create", "--enrollment-id", "ca-group", "--ca-name", "azure-iot-test-only-root");
        assertThat(byName.exitCode()).as(byName.err()).isZero();
        assertThat(byName.json().getJsonObject("attestation").getJsonObject("x509").getJsonObject("caReferences")
                .getString("primary")).isEqualTo("azure-iot-test-only-root");

        CommandRun list = dps("enrollment-group", "list");
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.array().getValuesAs(JsonObject.class)).extracting(group -> group.getString("enrollmentGroupId"))
                .containsExactlyInAnyOrder("x509-group", "ca-group");
    }

    @Test
    void symmetricKeyEnrollmentGroupIsTheDefaultAndShowsItsKeys() {
        CommandRun created = dps("enrollment-group", "create", "-g", "my-rg", "--dps-name", "my-dps", "--enrollment-id", "key-group");
        assertThat(created.exitCode()).as(created.err()).isZero();
        String primary = created.json().getJsonObject("attestation").getJsonObject("symmetricKey").getString("primaryKey");

        CommandRun shown = dps("enrollment-group", "show", "--enrollment-id", "key-group", "--show-keys", "true");
        assertThat(shown.json().getJsonObject("attestation").getJsonObject("symmetricKey").getString("primaryKey"))
                .isEqualTo(primary);

        assertThat(dps("enrollment-group", "delete", "--enrollment-id", "key-group").exitCode()).isZero();
        CommandRun gone = dps("enrollment-group", "show", "--enrollment-id", "key-group");
        assertThat(gone.exitCode()).isEqualTo(1);
        assertThat(gone.err()).contains("404");
    }

    @Test
    void caCertificateIsVerifiedByProofOfPossession() {
        HeldCertificate root = HeldCertificate.builder().commonName("my root").certificateAuthority().build();
        Path rootFile = files.resolve("root.pem");
        IdentityFiles.writeCertificates(rootFile, List.of(root.certificate()));

        CommandRun created = dps("certificate", "create", "--certificate-name", "my-root", "--path", rootFile.toString(),
                "--verified", "false");
        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(created.json().getJsonObject("properties").getBoolean("isVerified")).isFalse();

        CommandRun generated = dps("certificate", "generate-verification-code", "--certificate-name", "my-root",
                "--etag", created.json().getString("etag"));
        assertThat(generated.exitCode()).as(generated.err()).isZero();
        String code = generated.json().getJsonObject("properties").getString("verificationCode");
        HeldCertificate proof = HeldCertificate.builder().commonName(code).signedBy(root).build();
        Path proofFile = files.resolve("verification-code.cert.pem");
        IdentityFiles.writeCertificates(proofFile, List.of(proof.certificate()));

        CommandRun verified = dps("certificate", "verify", "--certificate-name", "my-root", "--path", proofFile.toString(),
                "--etag", generated.json().getString("etag"));
        assertThat(verified.exitCode()).as(verified.err()).isZero();
        assertThat(verified.json().getJsonObject("properties").getBoolean("isVerified")).isTrue();

        assertThat(dps("certificate", "show", "--certificate-name", "my-root").json()
                .getJsonObject("properties").getBoolean("isVerified")).isTrue();
        assertThat(dps("certificate", "list").json().getJsonArray("value").getValuesAs(JsonObject.class))
                .extracting(ca -> ca.getString("name")).containsExactly("my-root");

        CommandRun deleted = dps("certificate", "delete", "--certificate-name", "my-root");
        assertThat(deleted.exitCode()).as(deleted.err()).isZero();
        assertThat(deleted.out()).isEmpty();
        assertThat(dps("certificate", "show", "--certificate-name", "my-root").err()).contains("404");
    }

    @Test
    void verificationWithAProofFromAnotherKeyIsRefused() {
        HeldCertificate root = HeldCertificate.builder().commonName("my root").certificateAuthority().build();
        Path rootFile = files.resolve("root.pem");
        IdentityFiles.writeCertificates(rootFile, List.of(root.certificate()));
        dps("certificate", "create", "--certificate-name", "my-root", "--path", rootFile.toString());
        String code = dps("certificate", "generate-verification-code", "--certificate-name", "my-root").json()
                .getJsonObject("properties").getString("verificationCode");
        HeldCertificate impostor = HeldCertificate.builder().commonName("impostor").certificateAuthority().build();
        Path proofFile = files.resolve("proof.pem");
        HeldCertificate proof = HeldCertificate.builder().commonName(code).signedBy(impostor).build();
        IdentityFiles.writeCertificates(proofFile, List.of(proof.certificate()));

        CommandRun refused = dps("certificate", "verify", "--certificate-name", "my-root", "--path", proofFile.toString());

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err().strip()).startsWith("dpsrig dps certificate verify: 400 400004: ").contains("not signed by").doesNotContain("\n");
    }

    @Test
    void listDeleteAndShowOfADeletedEnrollment() {
        dps("enrollment", "create", "--enrollment-id", "dev-1", "--attestation-type", "symmetrickey");
        dps("enrollment", "create", "--enrollment-id", "dev-2", "--attestation-type", "symmetrickey");

        CommandRun list = dps("enrollment", "list");
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.array().getValuesAs(JsonObject.class)).extracting(e -> e.getString("registrationId"))
                .containsExactlyInAnyOrder("dev-1", "dev-2");

        CommandRun deleted = dps("enrollment", "delete", "-g", "my-rg", "--dps-name", "my-dps", "--enrollment-id", "dev-1");
        assertThat(deleted.exitCode()).as(deleted.err()).isZero();
        assertThat(deleted.out()).isEmpty();

        CommandRun gone = dps("enrollment", "show", "--enrollment-id", "dev-1");
        assertThat(gone.exitCode()).isEqualTo(1);
        assertThat(gone.err()).contains("404").contains("dev-1");
        assertThat(dps("enrollment", "list").array()).hasSize(1);
    }

    @Test
    void staleEtagIsRefusedAndNothingIsDeleted() {
        String etag = dps("enrollment", "create", "--enrollment-id", "dev-1", "--attestation-type", "symmetrickey").json().getString("etag");
        dps("enrollment", "create", "--enrollment-id", "dev-1", "--attestation-type", "symmetrickey");

        CommandRun stale = dps("enrollment", "delete", "--enrollment-id", "dev-1", "--etag", etag);

        assertThat(stale.exitCode()).isEqualTo(1);
        assertThat(stale.err()).contains("412");
        assertThat(dps("enrollment", "show", "--enrollment-id", "dev-1").exitCode()).isZero();
        String current = dps("enrollment", "show", "--enrollment-id", "dev-1").json().getString("etag");
        assertThat(dps("enrollment", "delete", "--enrollment-id", "dev-1", "--etag", current).exitCode()).isZero();
    }

    @Test
    void registrationStateOfADeviceThatRegistered() {
        String key = dps("enrollment", "create", "--enrollment-id", "my-symkey-device", "--attestation-type", "symmetrickey")
                .json().getJsonObject("attestation").getJsonObject("symmetricKey").getString("primaryKey");
        InProcessDps service = running.simulator().service();
        DeviceCredentials.Sas credentials = new DeviceCredentials.Sas(SasToken.sign(
                running.simulator().idScope() + "/registrations/my-symkey-device", key, Instant.now().plusSeconds(3600), Optional.of("registration")));
        OperationStatus operation = service.register(running.simulator().idScope(), "my-symkey-device", credentials, Optional.empty());
        service.lookupOperation(running.simulator().idScope(), "my-symkey-device", operation.operationId(), credentials);

        CommandRun shown = dps("registration", "show", "-g", "my-rg", "--dps-name", "my-dps", "--registration-id", "my-symkey-device");

        assertThat(shown.exitCode()).as(shown.err()).isZero();
        assertThat(shown.json().getString("registrationId")).isEqualTo("my-symkey-device");
        assertThat(shown.json().getString("status")).isEqualTo("assigned");
        assertThat(shown.json().getString("assignedHub")).isEqualTo(running.simulator().hubs().getFirst().hostName());

        assertThat(dps("registration", "delete", "--registration-id", "my-symkey-device").exitCode()).isZero();
        CommandRun gone = dps("registration", "show", "--registration-id", "my-symkey-device");
        assertThat(gone.exitCode()).isEqualTo(1);
        assertThat(gone.err()).contains("404");
    }

    @Test
    void registrationStateOfAnUnknownDeviceIsNotFound() {
        CommandRun unknown = dps("registration", "show", "--registration-id", "never-registered");

        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).startsWith("dpsrig dps registration show: 404 404201: ");
    }

    @Test
    void connectionStringWithCaFileReachesTheSameDps() {
        dps("enrollment", "create", "--enrollment-id", "dev-1", "--attestation-type", "symmetrickey");

        CommandRun list = dpsrig("dps", "enrollment", "list", "--connection-string", running.simulator().serviceConnectionString(),
                "--cafile", running.simulator().trustedRootFile().toString());

        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.array()).hasSize(1);
    }

    @Test
    void connectionStringWithoutTheSimulatorsRootIsNotTrusted() {
        CommandRun untrusted = dpsrig("dps", "enrollment", "list", "--connection-string", running.simulator().serviceConnectionString());

        assertThat(untrusted.exitCode()).isEqualTo(1);
        assertThat(untrusted.err()).startsWith("dpsrig dps enrollment list: TLS with https://" + running.simulator().globalEndpoint() + " failed");
    }

    @Test
    void wrongServiceKeyIsUnauthorized() {
        String wrongKey = Base64.getEncoder().encodeToString("not-the-development-service-key".getBytes(StandardCharsets.US_ASCII));
        CommandRun refused = dpsrig("dps", "enrollment", "list", "--cafile", running.simulator().trustedRootFile().toString(),
                "--connection-string",
                "HostName=" + running.simulator().globalEndpoint() + ";SharedAccessKeyName=provisioningserviceowner;SharedAccessKey=" + wrongKey);

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).startsWith("dpsrig dps enrollment list: 401 401002: ");
    }

    @Test
    void missingDevSettingsNamesTheFileAndTheWayOut(@TempDir Path empty) {
        CommandRun missing = dpsrig("dps", "enrollment", "list", "--data-dir", empty.toString());

        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains(empty.resolve("dev-settings.json").toString())
                .contains("dpsrig serve").contains("--connection-string");
    }

    @Test
    void badOptionValuesAreUsageErrors() {
        CommandRun tpm = dps("enrollment", "create", "--enrollment-id", "dev-1", "--attestation-type", "tpm");
        assertThat(tpm.exitCode()).isEqualTo(2);
        assertThat(tpm.err()).contains("--attestation-type").contains("'tpm' is not one of symmetrickey, x509");

        assertThat(dps("enrollment", "create", "--enrollment-id", "dev-1", "--attestation-type", "x509").exitCode()).isEqualTo(2);
        assertThat(dps("enrollment", "create", "--enrollment-id", "dev-1", "--attestation-type", "symmetrickey",
                "--allocation-policy", "custom").exitCode()).isEqualTo(2);
        assertThat(dps("enrollment", "create", "--enrollment-id", "dev-1", "--attestation-type", "symmetrickey",
                "--initial-twin-tags", "not json").exitCode()).isEqualTo(2);
        assertThat(dps("certificate", "create", "--certificate-name", "c", "--path", "c.pem", "--verified", "maybe").exitCode())
                .isEqualTo(2);
        assertThat(dpsrig("dps", "enrollment", "list", "--connection-string", "HostName=localhost").exitCode()).isEqualTo(2);
        assertThat(dps("enrollment", "list").array()).isEmpty();
    }

    /** {@code dpsrig dps ARGS...} against this test's simulator. */
    private CommandRun dps(String... args) {
        return CommandRun.against(running.dataDir(), "dps", args);
    }
}
