package dev.dpsrig.simulator.http;

import static dev.dpsrig.simulator.http.DpsAssertions.assertAssigned;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import dev.dpsrig.certs.HeldCertificate;
import dev.dpsrig.emulator.client.DevSettings;
import dev.dpsrig.protocol.RegistrationStatus;
import dev.dpsrig.simulator.dps.CaCertificate;
import dev.dpsrig.simulator.dps.HubDevice;
import dev.dpsrig.simulator.dps.IndividualEnrollment;
import dev.dpsrig.simulator.dps.Registration;
import dev.dpsrig.simulator.server.LocalSimulator;
import dev.dpsrig.simulator.server.SimulatorConfig;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A simulator with a data directory keeps its state and its TLS root across a restart. */
class PersistenceIT {
    private static final String DEVICE = "persistent-device";
    private static final String X509_DEVICE = "device-01";
    private static final String CA_NAME = "azure-iot-test-only-root";
    private static final String GROUP = "x509-group";

    @TempDir
    Path dataDir;

    @TempDir
    Path workDir;

    private LocalSimulator simulator;

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void enrollmentsCaCertificatesRegistrationsHubDevicesAndTlsRootSurviveARestart() {
        simulator = start();
        InProcessDps dps = simulator.service();
        IndividualEnrollment enrollment = dps.putEnrollment(DEVICE, Enrollments.symmetricKey(), Optional.empty());
        String key = Enrollments.keysOf(enrollment.attestation()).primaryKey();
        SeedPki pki = SeedPki.create();
        verifyByProofOfPossession(dps, pki);
        dps.putGroup(GROUP, Enrollments.caReference(CA_NAME), Optional.empty());
        DpsClient firstClient = new DpsClient(simulator, workDir);
        List<String> sasCredentials = DpsClient.sas(SeedScripts.sasToken(workDir, firstClient.resourceUri(DEVICE), key));
        assertAssigned(firstClient.registerAndAwait(DEVICE, sasCredentials));
        Registration registered = dps.registration(DEVICE);
        HubDevice hubDevice = dps.hubs().getFirst().device(DEVICE).orElseThrow();
        X509Certificate tlsRoot = simulator.trustedRoot();

        restart();
        InProcessDps restarted = simulator.service();

        IndividualEnrollment reloaded = restarted.enrollment(DEVICE);
        assertThat(reloaded.revision().etag()).isEqualTo(enrollment.revision().etag());
        assertThat(reloaded.attestation()).isEqualTo(enrollment.attestation());
        CaCertificate ca = restarted.caCertificate(CA_NAME);
        assertThat(ca.verified()).isTrue();
        assertThat(ca.certificate()).isEqualTo(pki.root().certificate());
        Registration registration = restarted.registration(DEVICE);
        assertThat(registration.status()).isEqualTo(RegistrationStatus.ASSIGNED);
        assertThat(registration.deviceId()).isEqualTo(DEVICE);
        assertThat(registration.assignedHub()).isEqualTo(registered.assignedHub());
        assertThat(registration.revision().etag()).isEqualTo(registered.revision().etag());
        assertThat(restarted.hubs().getFirst().device(DEVICE)).hasValueSatisfying(device -> {
            assertThat(device.registrationId()).isEqualTo(DEVICE);
            assertThat(device.authentication()).isEqualTo(hubDevice.authentication());
            assertThat(device.revision().etag()).isEqualTo(hubDevice.revision().etag());
        });
        assertThat(simulator.trustedRoot()).isEqualTo(tlsRoot);

        DpsClient client = new DpsClient(simulator, workDir);
        assertAssigned(client.registerAndAwait(DEVICE, sasCredentials));
        HeldCertificate x509Device = pki.device(X509_DEVICE);
        JsonObject groupDevice = assertAssigned(client.registerAndAwait(X509_DEVICE,
                pki.writeSeedFiles(workDir, x509Device).curlCredentials()));
        assertThat(groupDevice.getJsonObject("x509").getString("enrollmentGroupId")).isEqualTo(GROUP);
    }

    @Test
    void deviceThatNeverReprovisionsIsAssignedToALiveHubAfterARestart() {
        simulator = start();
        JsonObject neverReprovision = Enrollments.with(Enrollments.symmetricKey(), "reprovisionPolicy",
                Json.createObjectBuilder().add("updateHubAssignment", false).add("migrateDeviceData", false).build());
        String key = Enrollments.keysOf(simulator.service().putEnrollment(DEVICE, neverReprovision, Optional.empty())
                .attestation()).primaryKey();
        DpsClient firstClient = new DpsClient(simulator, workDir);
        List<String> credentials = DpsClient.sas(SeedScripts.sasToken(workDir, firstClient.resourceUri(DEVICE), key));
        assertAssigned(firstClient.registerAndAwait(DEVICE, credentials));
        String hubDeviceEtag = simulator.service().hubs().getFirst().device(DEVICE).orElseThrow().revision().etag();

        restart();
        JsonObject state = assertAssigned(new DpsClient(simulator, workDir).registerAndAwait(DEVICE, credentials));

        String liveHub = simulator.hubs().getFirst().hostName();
        assertSoftly(softly -> {
            softly.assertThat(state.getString("assignedHub")).as("assignedHub told to the device").isEqualTo(liveHub);
            softly.assertThat(simulator.service().registration(DEVICE).assignedHub()).as("stored registration").contains(liveHub);
            softly.assertThat(simulator.service().hubs().getFirst().device(DEVICE).orElseThrow().revision().etag())
                    .as("hub device updated by the re-registration").isNotEqualTo(hubDeviceEtag);
        });
    }

    @Test
    void devSettingsNameEverythingAClientNeeds() throws Exception {
        simulator = start();

        JsonObject settings = Json.createReader(new StringReader(Files.readString(dataDir.resolve("dev-settings.json")))).readObject();

        assertThat(settings).containsKeys("idScope", "globalEndpoint", "dpsBaseUrl", "serviceConnectionString", "hubs",
                "trustedRootCertificate", "trustedRootCertificatePem", "dataDir", "layout");
        assertThat(settings.getString("idScope")).isEqualTo(simulator.idScope());
        assertThat(settings.getString("globalEndpoint")).isEqualTo(simulator.globalEndpoint());
        assertThat(settings.getString("dpsBaseUrl")).isEqualTo(simulator.dpsBaseUrl());
        assertThat(settings.getString("serviceConnectionString")).isEqualTo(simulator.serviceConnectionString());
        assertThat(settings.getJsonArray("hubs")).hasSize(1);
        assertThat(settings.getJsonArray("hubs").getJsonObject(0).getString("hostName"))
                .isEqualTo(simulator.hubs().getFirst().hostName());
        assertThat(settings.getString("layout")).isEqualTo("ports");
        Path relativeRoot = Path.of(settings.getString("trustedRootCertificate"));
        assertThat(relativeRoot).as("relative to the settings file, so the folder can be mounted elsewhere").isRelative();
        Path trustedRoot = dataDir.resolve(relativeRoot);
        assertThat(trustedRoot).isRegularFile();
        assertThat(Files.readString(trustedRoot)).contains("-----BEGIN CERTIFICATE-----")
                .isEqualTo(settings.getString("trustedRootCertificatePem"));
        assertThat(Path.of(settings.getString("dataDir"))).isEqualTo(dataDir.toAbsolutePath());
    }

    @Test
    void settingsReadFromAFolderMountedElsewhereStillNameItsRoot(@TempDir Path mount) throws Exception {
        simulator = start();
        Files.copy(dataDir.resolve("dev-settings.json"), mount.resolve("dev-settings.json"));
        Files.createDirectories(mount.resolve("tls"));
        Files.copy(simulator.trustedRootFile(), mount.resolve("tls").resolve(simulator.trustedRootFile().getFileName()));

        DevSettings settings = DevSettings.read(mount.resolve("dev-settings.json"));

        assertThat(settings.trustedRootCertificate()).isEqualTo(mount.resolve("tls").resolve(simulator.trustedRootFile().getFileName()));
        assertThat(settings.globalEndpoint()).isEqualTo(simulator.globalEndpoint());
        assertThat(settings.trustedRoots()).containsExactly(simulator.trustedRoot());
    }

    @Test
    void settingsMountedAloneStillCarryTheRootToTrust(@TempDir Path mount) throws Exception {
        simulator = start();
        Files.copy(dataDir.resolve("dev-settings.json"), mount.resolve("dev-settings.json"));

        assertThat(DevSettings.read(mount.resolve("dev-settings.json")).trustedRoots()).containsExactly(simulator.trustedRoot());
    }

    @Test
    void inMemoryWithADataDirectoryKeepsItsRootButNoState() {
        simulator = LocalSimulator.start(SimulatorConfig.builder().dataDirectory(dataDir).inMemory().dpsPort(0)
                .assignmentDelay(Duration.ZERO).build());
        simulator.service().putEnrollment(DEVICE, Enrollments.symmetricKey(), Optional.empty());
        String root = simulator.trustedRoot().getSerialNumber().toString(16);
        simulator.close();

        simulator = LocalSimulator.start(SimulatorConfig.builder().dataDirectory(dataDir).inMemory().dpsPort(0)
                .assignmentDelay(Duration.ZERO).build());

        assertThat(simulator.trustedRoot().getSerialNumber().toString(16)).as("the same root CA across starts").isEqualTo(root);
        assertThat(simulator.service().enrollments()).as("no enrollment kept").isEmpty();
        assertThat(dataDir.resolve("state")).doesNotExist();
        assertThat(dataDir.resolve("dev-settings.json")).isRegularFile();
    }

    private LocalSimulator start() {
        return LocalSimulator.start(SimulatorConfig.builder()
                .dataDirectory(dataDir)
                .dpsPort(0)
                .assignmentDelay(Duration.ZERO)
                .build());
    }

    private void restart() {
        simulator.close();
        simulator = null;
        simulator = start();
    }

    private static void verifyByProofOfPossession(InProcessDps dps, SeedPki pki) {
        dps.putCaCertificate(CA_NAME, pki.root().certificate(), false, Optional.empty());
        String code = dps.generateVerificationCode(CA_NAME, Optional.empty()).verificationCode().orElseThrow();
        assertThat(dps.verifyCaCertificate(CA_NAME, pki.verificationCertificate(code).certificate(), Optional.empty()).verified())
                .isTrue();
    }
}
