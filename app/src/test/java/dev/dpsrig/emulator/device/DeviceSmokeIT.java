package dev.dpsrig.emulator.device;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dpsrig.certs.Certificates;
import dev.dpsrig.certs.HeldCertificate;
import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.simulator.hub.SimulatedHub;
import dev.dpsrig.simulator.server.LocalSimulator;
import dev.dpsrig.simulator.server.SimulatorConfig;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The device library end to end against the simulator: register, send telemetry, receive a C2D message. */
class DeviceSmokeIT {
    private LocalSimulator simulator;
    private DeviceTransport transport;
    private ProvisioningClient dps;

    @BeforeEach
    void start() {
        simulator = LocalSimulator.start(SimulatorConfig.builder().assignmentDelay(Duration.ofMillis(200)).build());
        transport = new DeviceTransport(List.of(simulator.trustedRoot()));
        dps = new ProvisioningClient(DpsEndpoint.of(simulator.globalEndpoint(), simulator.idScope(), List.of(simulator.trustedRoot())),
                transport);
    }

    @AfterEach
    void stop() {
        transport.close();
        simulator.close();
    }

    @Test
    void groupSymmetricKeyDeviceRegistersSendsAndReceives() throws Exception {
        String groupKey = "dGhpcy1pcy1hLWdyb3VwLWtleS1mb3ItdGVzdHMtb25seQ==";
        simulator.service().putGroup("sensors", Jsonp.createObjectBuilder().add("attestation", Jsonp.createObjectBuilder()
                .add("type", "symmetricKey").add("symmetricKey", Jsonp.createObjectBuilder()
                        .add("primaryKey", groupKey).add("secondaryKey", groupKey))).build(), Optional.empty());
        EmulatedDevice device = new EmulatedDevice(DeviceAttestation.SymmetricKey.fromGroupKey("sensor-1", groupKey), dps, transport, 7);

        RegistrationResult result = device.register(Optional.empty());

        assertThat(result.deviceId()).isEqualTo("sensor-1");
        assertThat(device.timeline().statuses()).containsExactly("assigning", "assigned");
        TelemetryOutcome sent = device.hub().send(Telemetry.text("{\"temperature\": 30}").withProperty("alert", "true"),
                device.timeline(), device.random());
        assertThat(sent).isInstanceOf(TelemetryOutcome.Acknowledged.class);
        SimulatedHub hub = simulator.iotHubs().getFirst();
        assertThat(hub.awaitMessages("sensor-1", 1, Duration.ofSeconds(5))).singleElement()
                .satisfies(m -> assertThat(m.properties()).containsEntry("alert", "true"));
        hub.sendToDevice("sensor-1", "reboot".getBytes(), java.util.Map.of("k", "v"), java.util.Map.of(), Optional.empty());
        CloudMessage c2d = device.hub().receive().orElseThrow();
        assertThat(c2d.bodyText()).isEqualTo("reboot");
        assertThat(c2d.properties()).containsEntry("k", "v");
        device.hub().complete(c2d.lockToken());
        assertThat(device.hub().receive()).isEmpty();
    }

    @Test
    void x509DeviceRegistersAndSendsWithItsCertificate() throws Exception {
        HeldCertificate root = HeldCertificate.builder().commonName("smoke-root").certificateAuthority().build();
        HeldCertificate leaf = HeldCertificate.builder().commonName("x509-smoke").clientAuth().signedBy(root).build();
        simulator.service().putCaCertificate("smoke-root", root.certificate(), true, Optional.empty());
        simulator.service().putGroup("x509-group", Jsonp.createObjectBuilder().add("attestation", Jsonp.createObjectBuilder()
                .add("type", "x509").add("x509", Jsonp.createObjectBuilder().add("signingCertificates", Jsonp.createObjectBuilder()
                        .add("primary", Jsonp.createObjectBuilder().add("certificate", Certificates.toPem(root.certificate())))))).build(),
                Optional.empty());
        EmulatedDevice device = new EmulatedDevice(DeviceAttestation.X509.of(leaf), dps, transport, 7);

        RegistrationResult result = device.register(Optional.empty());

        assertThat(result.deviceId()).isEqualTo("x509-smoke");
        assertThat(device.hub().send(Telemetry.text("hello"), device.timeline(), device.random()))
                .isInstanceOf(TelemetryOutcome.Acknowledged.class);
        assertThat(simulator.iotHubs().getFirst().awaitMessages("x509-smoke", 1, Duration.ofSeconds(5))).singleElement()
                .satisfies(m -> assertThat(m.authMethod()).isEqualTo("certificateAuthority"));
    }
}
