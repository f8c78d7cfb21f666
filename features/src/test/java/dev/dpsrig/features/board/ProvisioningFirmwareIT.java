package dev.dpsrig.features.board;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dpsrig.certs.Certificates;
import dev.dpsrig.certs.HeldCertificate;
import dev.dpsrig.emulator.client.DevSettings;
import dev.dpsrig.emulator.client.ServiceApiClient;
import dev.dpsrig.emulator.client.ServiceTrust;
import dev.dpsrig.emulator.device.DeviceAttestation;
import dev.dpsrig.emulator.device.DpsEndpoint;
import dev.dpsrig.emulator.device.RetryPolicy;
import dev.dpsrig.emulator.device.Waiter;
import dev.dpsrig.emulator.device.mqtt.MqttEndpoint;
import dev.dpsrig.emulator.device.mqtt.MqttEndpoints;
import dev.dpsrig.hil.ConsoleMatch;
import dev.dpsrig.hil.RigEvent;
import dev.dpsrig.hil.console.LineConsole;
import dev.dpsrig.hil.console.PseudoTerminal;
import dev.dpsrig.hil.virtual.NullModem;
import dev.dpsrig.hil.virtual.VirtualBoard;
import dev.dpsrig.hil.virtual.WireOutput;
import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.protocol.SymmetricKeys;
import dev.dpsrig.protocol.service.EnrollmentGroup;
import dev.dpsrig.protocol.service.EnrollmentSettings;
import dev.dpsrig.protocol.service.IndividualEnrollment;
import dev.dpsrig.protocol.service.SymmetricKeyAttestation;
import dev.dpsrig.protocol.service.X509Attestation;
import dev.dpsrig.protocol.service.X509CertificateWithInfo;
import dev.dpsrig.protocol.service.X509Certificates;
import dev.dpsrig.protocol.settings.ServiceConnectionString;
import dev.dpsrig.simulator.fault.FaultRules;
import dev.dpsrig.simulator.server.LocalSimulator;
import dev.dpsrig.simulator.server.SimulatorConfig;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A virtual board in console mode, over a real pseudo-terminal pair, provisioning itself against the
 * in-process simulator: what the rig's console sees, and what the simulator recorded.
 */
class ProvisioningFirmwareIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final RetryPolicy QUICK = RetryPolicy.DEFAULTS.withDeadline(Duration.ofSeconds(30))
            .withPollBounds(Duration.ofMillis(200), Duration.ZERO, Duration.ofSeconds(2))
            .withBackoff(Duration.ofMillis(100), Duration.ofSeconds(1), 0.25);

    private LocalSimulator simulator;
    private ServiceApiClient service;
    private NullModem modem;
    private LineConsole rig;
    private final WireOutput power = new WireOutput("relay-1", false);
    private VirtualBoard board;

    @BeforeEach
    void start() {
        simulator = LocalSimulator.start(SimulatorConfig.builder().assignmentDelay(Duration.ofMillis(200)).build());
        service = new ServiceApiClient(ServiceConnectionString.parse(simulator.serviceConnectionString()),
                ServiceTrust.only(List.of(simulator.trustedRoot())));
        modem = NullModem.open();
        rig = PseudoTerminal.open(modem.rigEnd()).console("rig", Clock.systemUTC(), event -> { });
    }

    @AfterEach
    void stop() {
        if (board != null) {
            board.close();
        }
        rig.close();
        modem.close();
        service.close();
        simulator.close();
    }

    private void board(DeviceAttestation identity) {
        board(identity, DpsEndpoint.of(simulator.globalEndpoint(), simulator.idScope(), List.of(simulator.trustedRoot())));
    }

    private void board(DeviceAttestation identity, DpsEndpoint endpoint) {
        board(new ProvisioningFirmware(identity, endpoint, QUICK, Duration.ofMillis(100)));
    }

    private void board(ProvisioningFirmware firmware) {
        board = VirtualBoard.builder("dut-1", modem.boardIn(), modem.boardOut(), power, firmware)
                .lineName(modem.boardName()).onClose(modem).bootDelay(Duration.ofMillis(50)).start();
    }

    private String enroll(String registrationId) {
        String key = SymmetricKeys.generate();
        service.putEnrollment(IndividualEnrollment.of(registrationId, SymmetricKeyAttestation.of(key, SymmetricKeys.generate()),
                EnrollmentSettings.NONE), Optional.empty());
        return key;
    }

    @Test
    void boardRegistersAndSendsTelemetryAndTheSimulatorAgrees() {
        String key = enroll("board-sym-1");
        board(DeviceAttestation.SymmetricKey.individual("board-sym-1", key));

        power.set(true);

        rig.expect(Pattern.compile("^dut-1 ready$"), WAIT);
        rig.expect(Pattern.compile("^dps: registering board-sym-1 at " + Pattern.quote(simulator.globalEndpoint()) + "$"), WAIT);
        rig.expect(Pattern.compile("^dps: status assigning$"), WAIT);
        ConsoleMatch assigned = rig.expect(Pattern.compile("^dps: assigned hub=(\\S+) deviceId=(\\S+)$"), WAIT);
        rig.expect(Pattern.compile("^hub: sent message 1$"), WAIT);
        rig.expect(Pattern.compile("^hub: sent message 2$"), WAIT);
        JsonObject registration = service.registration("board-sym-1").toJson();
        assertThat(registration.getString("status")).isEqualTo("assigned");
        assertThat(registration.getString("deviceId")).isEqualTo(assigned.group(2)).isEqualTo("board-sym-1");
        assertThat(registration.getString("assignedHub")).isEqualTo(assigned.group(1));
        assertThat(simulator.iotHubs().getFirst().awaitMessages("board-sym-1", 2, WAIT)).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void overMqttTheBoardPrintsTheSameLinesAndItsTelemetryArrives() {
        String key = enroll("board-mqtt-1");
        // Kept to MQTT: the board meeting it shows it registered over MQTT.
        simulator.faults().add(FaultRules.parse(Jsonp.createReader(new StringReader("""
                {"endpoint": "register", "device": "board-mqtt-1", "kind": "throttle", "retryAfter": 1, "times": 1,
                 "transport": "mqtt"}""")).readObject(), simulator.faults()::nextRuleId));
        DpsEndpoint dps = DpsEndpoint.of(simulator.globalEndpoint(), simulator.idScope(), List.of(simulator.trustedRoot()));
        MqttEndpoints mqtt = new MqttEndpoints(MqttEndpoint.Flavour.TLS, DevSettings.read(simulator.devSettingsFile()).mqtt(),
                dps.trustedRoots());
        board(new ProvisioningFirmware(DeviceAttestation.SymmetricKey.individual("board-mqtt-1", key), dps, QUICK, Optional.empty(),
                Duration.ofMillis(100), Clock.systemUTC(), Waiter.SLEEPING, Optional.of(mqtt)));

        power.set(true);

        rig.expect(Pattern.compile("^dps: registering board-mqtt-1 at " + Pattern.quote(simulator.globalEndpoint()) + "$"), WAIT);
        rig.expect(Pattern.compile("^dps: retry register in 1000 ms: 429 .*$"), WAIT);
        rig.expect(Pattern.compile("^dps: status assigning$"), WAIT);
        ConsoleMatch assigned = rig.expect(Pattern.compile("^dps: assigned hub=(\\S+) deviceId=(\\S+)$"), WAIT);
        rig.expect(Pattern.compile("^hub: sent message 1$"), WAIT);
        rig.expect(Pattern.compile("^hub: sent message 2$"), WAIT);
        assertThat(assigned.group(2)).isEqualTo("board-mqtt-1");
        assertThat(simulator.iotHubs().getFirst().awaitMessages("board-mqtt-1", 2, WAIT)).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void x509BoardRegistersWithItsCertificateThroughAGroup() {
        HeldCertificate root = HeldCertificate.builder().commonName("board-root").certificateAuthority().build();
        HeldCertificate leaf = HeldCertificate.builder().commonName("board-x509-1").clientAuth().signedBy(root).build();
        service.putCertificate("board-root", Certificates.toPem(root.certificate()), true, Optional.empty());
        service.putGroup(EnrollmentGroup.of("boards", X509Attestation.signingCertificates(new X509Certificates(
                X509CertificateWithInfo.of(Certificates.toPem(root.certificate())), Optional.empty())), EnrollmentSettings.NONE),
                Optional.empty());
        board(DeviceAttestation.X509.of(leaf));

        power.set(true);

        ConsoleMatch assigned = rig.expect(Pattern.compile("^dps: assigned hub=(\\S+) deviceId=(\\S+)$"), WAIT);
        rig.expect(Pattern.compile("^hub: sent message 1$"), WAIT);
        assertThat(assigned.group(2)).isEqualTo("board-x509-1");
        assertThat(service.registration("board-x509-1").status().wireName()).isEqualTo("assigned");
        assertThat(simulator.iotHubs().getFirst().awaitMessages("board-x509-1", 1, WAIT)).first()
                .satisfies(message -> assertThat(message.authMethod()).isEqualTo("certificateAuthority"));
    }

    @Test
    void boardWithTheWrongKeyPrintsWhyItFailed() {
        enroll("board-sym-2");
        board(DeviceAttestation.SymmetricKey.individual("board-sym-2", SymmetricKeys.generate()));

        power.set(true);

        ConsoleMatch failed = rig.expect(Pattern.compile("^dps: failed (.+)$"), WAIT);
        assertThat(failed.group(1)).startsWith("refused http=401").contains(": ");
        assertThat(rig.tail(100)).noneMatch(line -> line.startsWith("dps: assigned"));
    }

    @Test
    void boardPoweredWhileNothingListensAtItsDpsKeepsRetryingAsARealDeviceDoes() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        board(DeviceAttestation.SymmetricKey.individual("board-early", SymmetricKeys.generate()),
                DpsEndpoint.of("127.0.0.1:" + closed, simulator.idScope(), List.of(simulator.trustedRoot())));

        power.set(true);

        Pattern retry = Pattern.compile("^dps: retry register in \\d+ ms: .*Connection refused.*$");
        rig.expect(retry, WAIT);
        rig.expect(retry, WAIT);
        assertThat(rig.tail(100)).noneMatch(line -> line.startsWith("dps: failed"));
    }

    @Test
    void rebootMidRegistrationStartsTheRegistrationOverAndItStillEndsAssigned() {
        String key = enroll("board-sym-3");
        board(DeviceAttestation.SymmetricKey.individual("board-sym-3", key));
        board.faults().rebootAfter(Pattern.compile("^dps: status assigning$"));

        power.set(true);

        rig.expect(Pattern.compile("^dps: status assigning$"), WAIT);
        rig.expect(Pattern.compile("^rom: reset cause software reset$"), WAIT);
        rig.expect(Pattern.compile("^dut-1 ready$"), WAIT);
        rig.expect(Pattern.compile("^dps: registering board-sym-3 at "), WAIT);
        ConsoleMatch assigned = rig.expect(Pattern.compile("^dps: assigned hub=(\\S+) deviceId=(\\S+)$"), WAIT);
        assertThat(assigned.group(2)).isEqualTo("board-sym-3");
        assertThat(rig.tail(200)).filteredOn(line -> line.startsWith("dps: registering board-sym-3")).hasSize(2);
        assertThat(board.log()).extracting(RigEvent::kind).contains(RigEvent.Kind.RESET);
        assertThat(service.registration("board-sym-3").status().wireName()).isEqualTo("assigned");
    }
}
