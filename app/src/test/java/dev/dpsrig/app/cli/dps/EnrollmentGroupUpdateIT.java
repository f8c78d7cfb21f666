package dev.dpsrig.app.cli.dps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dpsrig.app.cli.CommandRun;
import dev.dpsrig.app.cli.SimulatorFolder;
import dev.dpsrig.app.cli.device.DeviceExitCodes;
import dev.dpsrig.app.cli.shared.ExitCodes;
import dev.dpsrig.certs.HeldCertificate;
import dev.dpsrig.certs.IdentityFiles;
import dev.dpsrig.protocol.SymmetricKeys;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dpsrig dps enrollment-group update} against a running simulator over HTTPS, run as the {@code dpsrig} main
 * runs it: what it changes is what devices registering with {@code dpsrig device register} meet, what it keeps stays,
 * and every refusal is one line with its exit code.
 */
class EnrollmentGroupUpdateIT {
    @RegisterExtension
    final SimulatorFolder running = new SimulatorFolder();

    @TempDir
    Path files;

    @Test
    void aDisabledAndRekeyedGroupAdmitsDevicesByItsNewKeyOnlyOnceEnabledAgain() {
        String oldKey = SymmetricKeys.generate();
        dps("enrollment-group", "create", "--enrollment-id", "fleet", "--primary-key", oldKey,
                "--reprovision-policy", "neverreprovision", "--initial-twin-tags", "{\"site\":\"lab\"}");
        assertThat(register("sensor-1", oldKey).exitCode()).isZero();
        String newKey = SymmetricKeys.generate();
        String newSecondary = SymmetricKeys.generate();

        CommandRun rekeyed = dps("enrollment-group", "update", "--enrollment-id", "fleet", "--provisioning-status", "disabled",
                "--primary-key", newKey, "--secondary-key", newSecondary);

        assertThat(rekeyed.exitCode()).as(rekeyed.err()).isZero();
        JsonObject group = rekeyed.json();
        assertThat(group.getString("provisioningStatus")).isEqualTo("disabled");
        assertThat(keys(group).getString("primaryKey")).isEqualTo(newKey);
        assertThat(keys(group).getString("secondaryKey")).isEqualTo(newSecondary);
        assertThat(group.getJsonObject("reprovisionPolicy").getBoolean("updateHubAssignment")).isFalse();
        assertThat(group.getJsonObject("initialTwin").getJsonObject("tags").getString("site")).isEqualTo("lab");
        assertThat(register("sensor-2", newKey).exitCode()).isEqualTo(DeviceExitCodes.DISABLED);
        assertThat(register("sensor-2", oldKey).exitCode()).isEqualTo(DeviceExitCodes.REFUSED);

        CommandRun enabled = dps("enrollment-group", "update", "--eid", "fleet", "--provisioning-status", "enabled");

        assertThat(enabled.exitCode()).as(enabled.err()).isZero();
        assertThat(keys(enabled.json()).getString("primaryKey")).isEqualTo(newKey);
        assertThat(register("sensor-2", oldKey).exitCode()).isEqualTo(DeviceExitCodes.REFUSED);
        CommandRun admitted = register("sensor-2", newKey);
        assertThat(admitted.exitCode()).as(admitted.err()).isZero();
        assertThat(admitted.out()).contains("assigned to " + running.simulator().hubs().getFirst().hostName() + " as sensor-2");
    }

    @Test
    void aStaleEtagIsRefusedAndTheStoredGroupIsUnchanged() {
        String key = SymmetricKeys.generate();
        String created = dps("enrollment-group", "create", "--enrollment-id", "fleet", "--primary-key", key).json().getString("etag");
        CommandRun disabled = dps("enrollment-group", "update", "--enrollment-id", "fleet", "--provisioning-status", "disabled", "--etag", created);
        assertThat(disabled.exitCode()).as(disabled.err()).isZero();
        assertThat(disabled.json().getString("etag")).isNotEqualTo(created);

        CommandRun stale = dps("enrollment-group", "update", "--enrollment-id", "fleet", "--provisioning-status", "enabled",
                "--primary-key", SymmetricKeys.generate(), "--etag", created);

        assertThat(stale.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(stale.err().lines()).singleElement().asString().contains("412", "fleet");
        JsonObject stored = dps("enrollment-group", "show", "--enrollment-id", "fleet", "--show-keys").json();
        assertThat(stored.getString("provisioningStatus")).isEqualTo("disabled");
        assertThat(keys(stored).getString("primaryKey")).isEqualTo(key);

        CommandRun forced = dps("enrollment-group", "update", "--enrollment-id", "fleet", "--provisioning-status", "enabled", "--etag", "*");
        assertThat(forced.exitCode()).as(forced.err()).isZero();
        assertThat(forced.json().getString("provisioningStatus")).isEqualTo("enabled");
    }

    @Test
    void refusalsAreOneLineWithTheirExitCode() {
        CommandRun unknown = dps("enrollment-group", "update", "--enrollment-id", "no-such-group", "--provisioning-status", "disabled");
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(unknown.err().lines()).singleElement().asString().contains("404", "no-such-group");

        dps("enrollment-group", "create", "--enrollment-id", "fleet");
        CommandRun badKey = dps("enrollment-group", "update", "--enrollment-id", "fleet", "--primary-key", "bm90IGEga2V5");
        assertThat(badKey.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(badKey.err().lines()).singleElement().asString().contains("400", "primaryKey");

        CommandRun certificateOnKeys = dps("enrollment-group", "update", "--enrollment-id", "fleet", "--certificate-path", "ca.pem");
        assertThat(certificateOnKeys.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(certificateOnKeys.err()).contains("--certificate-path and --ca-name go with an x509 group; this one is symmetricKey");
        CommandRun removalOnKeys = dps("enrollment-group", "update", "--enrollment-id", "fleet", "--remove-certificate");
        assertThat(removalOnKeys.exitCode()).isEqualTo(ExitCodes.USAGE);
        CommandRun badStatus = dps("enrollment-group", "update", "--enrollment-id", "fleet", "--provisioning-status", "paused");
        assertThat(badStatus.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(badStatus.err()).contains("'paused' is not one of enabled, disabled");
        CommandRun noId = dps("enrollment-group", "update", "--provisioning-status", "disabled");
        assertThat(noId.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(dps("enrollment-group", "show", "--enrollment-id", "fleet", "--query", "provisioningStatus", "-o", "tsv").out())
                .isEqualTo("enabled\n");
    }

    @Test
    void anX509GroupsNewSigningCertificateAdmitsItsDevicesAndNoLongerTheOldOnes() {
        HeldCertificate oldCa = HeldCertificate.builder().commonName("old-ca").certificateAuthority().build();
        HeldCertificate newCa = HeldCertificate.builder().commonName("new-ca").certificateAuthority().build();
        Path oldDevice = device("old-ca-device", oldCa);
        Path newDevice = device("new-ca-device", newCa);
        upload(oldCa);
        upload(newCa);
        dps("enrollment-group", "create", "--enrollment-id", "cameras", "--certificate-path", certificate(oldCa).toString(),
                "--provisioning-status", "disabled");

        CommandRun changed = dps("enrollment-group", "update", "--enrollment-id", "cameras", "--certificate-path", certificate(newCa).toString(),
                "--provisioning-status", "enabled");

        assertThat(changed.exitCode()).as(changed.err()).isZero();
        assertThat(signing(changed.json()).getJsonObject("primary").getJsonObject("info").getString("subjectName")).isEqualTo("CN=new-ca");
        assertThat(signing(changed.json())).doesNotContainKey("secondary");
        CommandRun newAdmitted = registerX509(newDevice);
        assertThat(newAdmitted.exitCode()).as(newAdmitted.err()).isZero();
        assertThat(registerX509(oldDevice).exitCode()).isEqualTo(DeviceExitCodes.REFUSED);

        CommandRun rollover = dps("enrollment-group", "update", "--enrollment-id", "cameras",
                "--secondary-certificate-path", certificate(oldCa).toString());
        assertThat(signing(rollover.json()).getJsonObject("primary").getJsonObject("info").getString("subjectName")).isEqualTo("CN=new-ca");
        assertThat(signing(rollover.json()).getJsonObject("secondary").getJsonObject("info").getString("subjectName"))
                .isEqualTo("CN=old-ca");
        CommandRun oldAdmitted = registerX509(oldDevice);
        assertThat(oldAdmitted.exitCode()).as(oldAdmitted.err()).isZero();

        CommandRun removed = dps("enrollment-group", "update", "--enrollment-id", "cameras", "--remove-certificate");
        assertThat(removed.exitCode()).as(removed.err()).isZero();
        assertThat(signing(removed.json()).getJsonObject("primary").getJsonObject("info").getString("subjectName")).isEqualTo("CN=old-ca");
        assertThat(signing(removed.json())).doesNotContainKey("secondary");
        assertThat(registerX509(newDevice).exitCode()).isEqualTo(DeviceExitCodes.REFUSED);

        CommandRun lastOne = dps("enrollment-group", "update", "--enrollment-id", "cameras", "--remove-certificate");
        assertThat(lastOne.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(lastOne.err()).contains("the group would be left without a certificate: give --certificate-path");
        CommandRun keysOnX509 = dps("enrollment-group", "update", "--enrollment-id", "cameras", "--primary-key", SymmetricKeys.generate());
        assertThat(keysOnX509.exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void anX509GroupMovesFromItsCertificateToAnUploadedCaByName() {
        HeldCertificate ca = HeldCertificate.builder().commonName("uploaded-ca").certificateAuthority().build();
        upload(ca);
        dps("enrollment-group", "create", "--enrollment-id", "cameras", "--certificate-path", certificate(ca).toString());

        CommandRun byName = dps("enrollment-group", "update", "--enrollment-id", "cameras", "--ca-name", "uploaded-ca");

        assertThat(byName.exitCode()).as(byName.err()).isZero();
        JsonObject x509 = byName.json().getJsonObject("attestation").getJsonObject("x509");
        assertThat(x509.getJsonObject("caReferences").getString("primary")).isEqualTo("uploaded-ca");
        assertThat(x509).doesNotContainKey("signingCertificates");
        assertThat(registerX509(device("named-ca-device", ca)).exitCode()).isZero();
    }

    private CommandRun register(String registrationId, String groupKey) {
        return CommandRun.against(running.dataDir(), "device", "register", "--registration-id", registrationId, "--group-key", groupKey);
    }

    private CommandRun registerX509(Path certificateAndKey) {
        return CommandRun.against(running.dataDir(), "device", "register", "--cert", certificateAndKey.toString());
    }

    /** A device certificate the CA signed, with its key, in one PEM file. */
    private Path device(String registrationId, HeldCertificate ca) {
        HeldCertificate device = HeldCertificate.builder().commonName(registrationId).clientAuth().signedBy(ca).build();
        return write(registrationId + ".pem", device.certificatePem() + device.privateKeyPem());
    }

    /** The CA's certificate in a PEM file named after its CN. */
    private Path certificate(HeldCertificate ca) {
        Path file = files.resolve(name(ca) + ".cert.pem");
        IdentityFiles.writeCertificates(file, List.of(ca.certificate()));
        return file;
    }

    /** Uploads and verifies the CA's certificate under its CN, as a device chain must reach one (as with Azure). */
    private void upload(HeldCertificate ca) {
        CommandRun uploaded = dps("certificate", "create", "--certificate-name", name(ca), "--path", certificate(ca).toString(), "--verified", "true");
        assertThat(uploaded.exitCode()).as(uploaded.err()).isZero();
    }

    private static String name(HeldCertificate ca) {
        return ca.certificate().getSubjectX500Principal().getName().replace("CN=", "");
    }

    private Path write(String name, String text) {
        try {
            return Files.writeString(files.resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonObject keys(JsonObject group) {
        return group.getJsonObject("attestation").getJsonObject("symmetricKey");
    }

    private static JsonObject signing(JsonObject group) {
        return group.getJsonObject("attestation").getJsonObject("x509").getJsonObject("signingCertificates");
    }

    /** A {@code dpsrig dps} command line against this test's simulator. */
    private CommandRun dps(String... args) {
        return CommandRun.against(running.dataDir(), "dps", args);
    }
}
