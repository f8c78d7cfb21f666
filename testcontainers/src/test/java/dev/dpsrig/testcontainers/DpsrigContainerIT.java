package dev.dpsrig.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.dpsrig.certs.Certificates;
import dev.dpsrig.certs.TlsContexts;
import dev.dpsrig.emulator.client.ServiceApiClient;
import dev.dpsrig.emulator.device.DeviceAttestation;
import dev.dpsrig.emulator.device.DeviceTransport;
import dev.dpsrig.emulator.device.DpsEndpoint;
import dev.dpsrig.emulator.device.EmulatedDevice;
import dev.dpsrig.emulator.device.ProvisioningClient;
import dev.dpsrig.emulator.device.RegistrationResult;
import dev.dpsrig.emulator.device.Telemetry;
import dev.dpsrig.emulator.device.TelemetryOutcome;
import dev.dpsrig.protocol.RegistrationStatus;
import dev.dpsrig.protocol.service.EnrollmentSettings;
import dev.dpsrig.protocol.service.IndividualEnrollment;
import dev.dpsrig.protocol.service.SymmetricKeyAttestation;
import dev.dpsrig.protocol.settings.DevSettingsDocument;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

/**
 * The dpsrig image in a container, provisioning a device from the Docker host with nothing but its dev-settings.json.
 * Runs where a container runtime is; elsewhere it is skipped, saying why.
 */
class DpsrigContainerIT {
    private static final String KEY = "Y29udGFpbmVyLWRldmljZS1rZXktb2YtMzItYnl0ZXM=";

    @BeforeEach
    void needsAContainerRuntime() {
        Optional<String> missing = missingRuntime();
        missing.ifPresent(reason -> System.err.println("DpsrigContainerIT skipped: " + reason));
        assumeTrue(missing.isEmpty(), missing::orElseThrow);
    }

    private static Optional<String> missingRuntime() {
        try {
            DockerClientFactory.instance().client();
            return Optional.empty();
        } catch (IllegalStateException e) {
            return Optional.of("no container runtime: Docker is not available (" + e.getMessage() + ")");
        }
    }

    @Test
    void aDeviceOnTheDockerHostIsAssignedToTheHubTheSettingsName() throws Exception {
        Path tarball = Path.of(System.getProperty("dpsrig.image.tarball", "app/target/dpsrig-image.tar"));
        try (DpsrigContainer dps = Files.isRegularFile(tarball) ? DpsrigContainer.fromTarball(tarball) : new DpsrigContainer()) {
            dps.start();
            DevSettingsDocument settings = dps.getDevSettings();
            List<X509Certificate> root = Certificates.decode(dps.getTrustedRootCertificatePem().getBytes(StandardCharsets.US_ASCII));
            try (ServiceApiClient service = new ServiceApiClient(settings.serviceConnectionString(), TlsContexts.client(root))) {
                service.putEnrollment(IndividualEnrollment.of("boxed-1", SymmetricKeyAttestation.of(KEY, KEY),
                        EnrollmentSettings.NONE.withProvisioningStatus("enabled")), Optional.empty());
            }
            try (DeviceTransport https = new DeviceTransport(root);
                 EmulatedDevice device = new EmulatedDevice(DeviceAttestation.SymmetricKey.individual("boxed-1", KEY),
                         new ProvisioningClient(DpsEndpoint.of(dps.getDpsEndpoint(), dps.getIdScope(), root), https), https, 1)) {

                RegistrationResult result = device.register(Optional.empty());

                assertThat(result.state().status()).isEqualTo(RegistrationStatus.ASSIGNED);
                assertThat(result.assignedHub()).isEqualTo(dps.getHubHostName(DpsrigContainer.DEFAULT_HUB));
                assertThat(device.hub().send(Telemetry.text("{\"boxed\": true}"), device.timeline(), device.random()))
                        .isInstanceOf(TelemetryOutcome.Acknowledged.class);
            }
        }
    }
}
