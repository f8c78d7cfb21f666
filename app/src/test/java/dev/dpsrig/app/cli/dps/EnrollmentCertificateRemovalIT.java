package dev.dpsrig.app.cli.dps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dpsrig.app.cli.CommandRun;
import dev.dpsrig.app.cli.SimulatorFolder;
import dev.dpsrig.app.cli.device.DeviceExitCodes;
import dev.dpsrig.certs.Certificates;
import dev.dpsrig.certs.HeldCertificate;
import dev.dpsrig.certs.IdentityFiles;
import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dpsrig dps enrollment update --remove-certificate} and {@code --remove-secondary-certificate} against a
 * running simulator over HTTPS, run as the {@code dpsrig} main runs it: an individual X.509 enrollment ends a rollover
 * by dropping one of its device certificates (or uploaded CA names), and what devices registering with
 * {@code dpsrig device register} meet follows; removing the last one, or removing from a key enrollment, is a usage
 * error that changes nothing.
 */
class EnrollmentCertificateRemovalIT {
    private static final String CAMERA = "camera-1";

    @RegisterExtension
    final SimulatorFolder running = new SimulatorFolder();

    @TempDir
    Path files;

    @Test
    void removingThePrimaryCertificateLeavesTheSecondaryAsTheOnlyOneTheDeviceMayUse() {
        HeldCertificate old = HeldCertificate.builder().commonName(CAMERA).clientAuth().build();
        HeldCertificate renewed = HeldCertificate.builder().commonName(CAMERA).clientAuth().build();
        CommandRun created = dps("enrollment", "create", "--enrollment-id", CAMERA, "--attestation-type", "x509",
                "--certificate-path", certificate("old", old).toString(), "--secondary-certificate-path", certificate("renewed", renewed).toString());
        assertThat(created.exitCode()).as(created.err()).isZero();
        CommandRun renewedBefore = register(renewed);
        assertThat(renewedBefore.exitCode()).as(renewedBefore.err()).isZero();

        CommandRun removed = dps("enrollment", "update", "--enrollment-id", CAMERA, "--remove-certificate");

        assertThat(removed.exitCode()).as(removed.err()).isZero();
        assertThat(thumbprint(client(removed.json()), "primary")).isEqualTo(Certificates.sha1Thumbprint(renewed.certificate()));
        assertThat(client(removed.json())).doesNotContainKey("secondary");
        assertThat(register(old).exitCode()).isEqualTo(DeviceExitCodes.REFUSED);
        CommandRun renewedAfter = register(renewed);
        assertThat(renewedAfter.exitCode()).as(renewedAfter.err()).isZero();

        CommandRun lastOne = dps("enrollment", "update", "--enrollment-id", CAMERA, "--remove-certificate");

        assertThat(lastOne.usageErrorLine()).contains("the enrollment would be left without a certificate: give --certificate-path");
        assertThat(dps("enrollment", "show", "--enrollment-id", CAMERA).json()).isEqualTo(removed.json());
        CommandRun stillAdmitted = register(renewed);
        assertThat(stillAdmitted.exitCode()).as(stillAdmitted.err()).isZero();
    }

    @Test
    void aSecondaryGivenAloneKeepsThePrimaryAndRemovingItEndsThatRollover() {
        HeldCertificate current = HeldCertificate.builder().commonName(CAMERA).clientAuth().build();
        HeldCertificate next = HeldCertificate.builder().commonName(CAMERA).clientAuth().build();
        dps("enrollment", "create", "--enrollment-id", CAMERA, "--attestation-type", "x509",
                "--certificate-path", certificate("current", current).toString());

        CommandRun rollover = dps("enrollment", "update", "--enrollment-id", CAMERA,
                "--secondary-certificate-path", certificate("next", next).toString());

        assertThat(rollover.exitCode()).as(rollover.err()).isZero();
        assertThat(thumbprint(client(rollover.json()), "primary")).isEqualTo(Certificates.sha1Thumbprint(current.certificate()));
        assertThat(thumbprint(client(rollover.json()), "secondary")).isEqualTo(Certificates.sha1Thumbprint(next.certificate()));
        CommandRun nextAdmitted = register(next);
        assertThat(nextAdmitted.exitCode()).as(nextAdmitted.err()).isZero();

        CommandRun removed = dps("enrollment", "update", "--enrollment-id", CAMERA, "--remove-secondary-certificate");

        assertThat(removed.exitCode()).as(removed.err()).isZero();
        assertThat(thumbprint(client(removed.json()), "primary")).isEqualTo(Certificates.sha1Thumbprint(current.certificate()));
        assertThat(client(removed.json())).doesNotContainKey("secondary");
        assertThat(register(next).exitCode()).isEqualTo(DeviceExitCodes.REFUSED);
        CommandRun currentAdmitted = register(current);
        assertThat(currentAdmitted.exitCode()).as(currentAdmitted.err()).isZero();
    }

    @Test
    void anEnrollmentByCaNamesDropsItsPrimaryCaAndItsSecondaryBecomesThePrimary() {
        HeldCertificate oldCa = HeldCertificate.builder().commonName("old-ca").certificateAuthority().build();
        HeldCertificate newCa = HeldCertificate.builder().commonName("new-ca").certificateAuthority().build();
        upload("old-ca", oldCa);
        upload("new-ca", newCa);
        HeldCertificate byOldCa = HeldCertificate.builder().commonName(CAMERA).clientAuth().signedBy(oldCa).build();
        HeldCertificate byNewCa = HeldCertificate.builder().commonName(CAMERA).clientAuth().signedBy(newCa).build();
        dps("enrollment", "create", "--enrollment-id", CAMERA, "--attestation-type", "x509",
                "--ca-name", "old-ca", "--secondary-ca-name", "new-ca");
        CommandRun oldBefore = register(byOldCa);
        assertThat(oldBefore.exitCode()).as(oldBefore.err()).isZero();

        CommandRun removed = dps("enrollment", "update", "--enrollment-id", CAMERA, "--remove-certificate");

        assertThat(removed.exitCode()).as(removed.err()).isZero();
        JsonObject references = removed.json().getJsonObject("attestation").getJsonObject("x509").getJsonObject("caReferences");
        assertThat(references.getString("primary")).isEqualTo("new-ca");
        assertThat(references).doesNotContainKey("secondary");
        assertThat(register(byOldCa).exitCode()).isEqualTo(DeviceExitCodes.REFUSED);
        CommandRun newAdmitted = register(byNewCa);
        assertThat(newAdmitted.exitCode()).as(newAdmitted.err()).isZero();

        CommandRun lastOne = dps("enrollment", "update", "--enrollment-id", CAMERA, "--remove-certificate");
        assertThat(lastOne.usageErrorLine()).contains("the enrollment would be left without a certificate: give --ca-name");
    }

    @Test
    void aSymmetricKeyEnrollmentRefusesBothRemovals() {
        JsonObject created = dps("enrollment", "create", "--enrollment-id", "sensor-1", "--attestation-type", "symmetrickey").json();

        for (String removal : List.of("--remove-certificate", "--remove-secondary-certificate")) {
            CommandRun refused = dps("enrollment", "update", "--enrollment-id", "sensor-1", removal);
            assertThat(refused.usageErrorLine()).as(removal).contains(
                    "--remove-certificate and --remove-secondary-certificate go with an x509 enrollment; this one is symmetricKey");
        }
        assertThat(dps("enrollment", "show", "--enrollment-id", "sensor-1", "--query", "etag", "-o", "tsv").out())
                .isEqualTo(created.getString("etag") + "\n");
    }

    /** Registers the device by its certificate, its key in a file of its own. */
    private CommandRun register(HeldCertificate device) {
        String name = Certificates.sha1Thumbprint(device.certificate());
        Path key = files.resolve(name + ".key.pem");
        IdentityFiles.writePrivateKey(key, device.privateKey());
        return CommandRun.against(running.dataDir(), "device", "register",
                "--cert", certificate(name, device).toString(), "--key", key.toString());
    }

    /** The certificate alone in a PEM file, as {@code --certificate-path} takes it. */
    private Path certificate(String name, HeldCertificate held) {
        Path file = files.resolve(name + ".cert.pem");
        IdentityFiles.writeCertificates(file, List.of(held.certificate()));
        return file;
    }

    /** Uploads and verifies a CA certificate under the name, as a device chain must reach one. */
    private void upload(String name, HeldCertificate ca) {
        CommandRun uploaded = dps("certificate", "create", "--certificate-name", name, "--path", certificate(name, ca).toString(),
                "--verified", "true");
        assertThat(uploaded.exitCode()).as(uploaded.err()).isZero();
    }

    private static JsonObject client(JsonObject enrollment) {
        return enrollment.getJsonObject("attestation").getJsonObject("x509").getJsonObject("clientCertificates");
    }

    private static String thumbprint(JsonObject certificates, String place) {
        return certificates.getJsonObject(place).getJsonObject("info").getString("sha1Thumbprint");
    }

    /** A {@code dpsrig dps} command line against this test's simulator. */
    private CommandRun dps(String... args) {
        return CommandRun.against(running.dataDir(), "dps", args);
    }
}
