package dev.dpsrig.junit;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What a team's own test looks like: enroll a device, provision it over HTTPS, send telemetry, see the hub receive it. */
class ExampleProvisioningIT {
    @RegisterExtension
    static final DpsrigSimulatorExtension dps = DpsrigSimulatorExtension.inMemory();

    private static final String KEY = "ZXhhbXBsZS1kZXZpY2Uta2V5LW9mLTMyLWJ5dGVzLi4=";

    @Test
    void symmetricKeyDeviceIsAssignedAndItsTelemetryReachesTheHub(DevSettingsDocument settings) throws Exception {
        try (ServiceApiClient service = new ServiceApiClient(settings.serviceConnectionString(), dps.sslContext())) {
            service.putEnrollment(IndividualEnrollment.of("thermostat-1", SymmetricKeyAttestation.of(KEY, KEY),
                    EnrollmentSettings.NONE.withProvisioningStatus("enabled")), Optional.empty());
        }
        try (DeviceTransport https = new DeviceTransport(List.of(dps.trustedRootCertificate()));
             EmulatedDevice device = new EmulatedDevice(DeviceAttestation.SymmetricKey.individual("thermostat-1", KEY),
                     new ProvisioningClient(DpsEndpoint.of(settings.globalEndpoint(), settings.idScope(),
                             List.of(dps.trustedRootCertificate())), https), https, 1)) {

            RegistrationResult result = device.register(Optional.empty());

            assertThat(result.state().status()).isEqualTo(RegistrationStatus.ASSIGNED);
            assertThat(result.assignedHub()).isEqualTo(settings.hubs().getFirst().hostName());
            assertThat(device.hub().send(Telemetry.text("{\"temperature\": 21.5}"), device.timeline(), device.random()))
                    .isInstanceOf(TelemetryOutcome.Acknowledged.class);
        }
        assertThat(dps.simulator().iotHub("dpsrig-hub").awaitMessages("thermostat-1", 1, Duration.ofSeconds(5)))
                .singleElement().satisfies(message -> assertThat(message.bodyText()).isEqualTo("{\"temperature\": 21.5}"));
    }
}
