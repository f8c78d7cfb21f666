package dev.dpsrig.features.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dpsrig.certs.Certificates;
import dev.dpsrig.certs.HeldCertificate;
import dev.dpsrig.emulator.device.DeviceTransport;
import dev.dpsrig.emulator.device.DpsEndpoint;
import dev.dpsrig.emulator.device.ProvisioningClient;
import dev.dpsrig.emulator.device.RegistrationResult;
import dev.dpsrig.emulator.device.TelemetryOutcome;
import dev.dpsrig.hil.AttestationKind;
import dev.dpsrig.hil.Console;
import dev.dpsrig.hil.Pause;
import dev.dpsrig.hil.RigEvent;
import dev.dpsrig.hil.console.LineConsole;
import dev.dpsrig.hil.console.PseudoTerminal;
import dev.dpsrig.hil.tethered.Command;
import dev.dpsrig.hil.tethered.HeldIdentity;
import dev.dpsrig.hil.tethered.LinkSettings;
import dev.dpsrig.hil.tethered.TetheredException;
import dev.dpsrig.hil.tethered.TetheredFirmware;
import dev.dpsrig.hil.tethered.TetheredLink;
import dev.dpsrig.hil.virtual.Firmware;
import dev.dpsrig.hil.virtual.NullModem;
import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.protocol.SymmetricKeys;
import dev.dpsrig.simulator.hub.DeviceMessage;
import dev.dpsrig.simulator.server.LocalSimulator;
import dev.dpsrig.simulator.server.SimulatorConfig;
import jakarta.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A key-holding board on a real serial line (a pseudo-terminal pair): the rig registers it with the
 * simulator and sends its readings, every signature made on the board's side of the line.
 */
class TetheredBoardIT {
    private final List<RigEvent> events = new CopyOnWriteArrayList<>();
    private NullModem ptys;
    private LineConsole rigEnd;
    private LineConsole boardEnd;
    private Thread board;
    private LocalSimulator simulator;
    private DeviceTransport transport;
    private ProvisioningClient dps;

    @BeforeEach
    void start() throws Exception {
        ptys = NullModem.open();
        rigEnd = PseudoTerminal.open(ptys.rigEnd()).console("pty-board", Clock.systemUTC(), events::add);
        boardEnd = ptys.boardConsole("pty-board", Clock.systemUTC(), event -> { });
        simulator = LocalSimulator.start(SimulatorConfig.builder().assignmentDelay(Duration.ofMillis(100)).build());
        transport = new DeviceTransport(List.of(simulator.trustedRoot()));
        dps = new ProvisioningClient(DpsEndpoint.of(simulator.globalEndpoint(), simulator.idScope(), List.of(simulator.trustedRoot())),
                transport);
    }

    @AfterEach
    void stop() throws Exception {
        if (board != null) {
            board.interrupt();
        }
        rigEnd.close();
        boardEnd.close();
        ptys.close();
        if (board != null) {
            board.join(Duration.ofSeconds(10));
        }
        transport.close();
        simulator.close();
    }

    @Test
    void symmetricKeyBoardSignsItsSasTokensOverTheLineAndItsReadingsArrive() throws Exception {
        String key = SymmetricKeys.generate();
        simulator.service().putEnrollment("pty-sym", Jsonp.createObjectBuilder().add("attestation", Jsonp.createObjectBuilder()
                .add("type", "symmetricKey").add("symmetricKey", Jsonp.createObjectBuilder()
                        .add("primaryKey", key).add("secondaryKey", SymmetricKeys.generate()))).build(), Optional.empty());
        power(new TetheredFirmware(new HeldIdentity.SymmetricKey("pty-sym", key), () -> Map.of("temperature", 21.5)), line -> line);

        TetheredDevice device = TetheredDevice.connect(link(LinkSettings.defaults()), dps, transport, 1);
        RegistrationResult result = device.register();
        TelemetryOutcome sent = device.sendReadings();

        assertThat(device.identity().registrationId()).isEqualTo("pty-sym");
        assertThat(result.deviceId()).isEqualTo("pty-sym");
        assertThat(device.device().timeline().statuses()).endsWith("assigned");
        assertThat(sent).isInstanceOf(TelemetryOutcome.Acknowledged.class);
        DeviceMessage message = simulator.iotHubs().getFirst().awaitMessages("pty-sym", 1, Duration.ofSeconds(5)).getFirst();
        assertThat(json(message.bodyText()).getJsonNumber("temperature").doubleValue()).isEqualTo(21.5);
        // one SAS for the DPS register, others for polls and the hub: all made by the board
        assertThat(requests("SIGN-SAS")).hasSizeGreaterThanOrEqualTo(2);
        assertThat(requests("READ")).hasSize(1);
    }

    @Test
    void x509BoardSignsItsTlsHandshakesOverTheLineAndItsReadingsArrive() throws Exception {
        HeldCertificate root = HeldCertificate.builder().commonName("pty-root").certificateAuthority().build();
        HeldCertificate leaf = HeldCertificate.builder().commonName("pty-x509").clientAuth().signedBy(root).build();
        simulator.service().putCaCertificate("pty-root", root.certificate(), true, Optional.empty());
        simulator.service().putEnrollment("pty-x509", Jsonp.createObjectBuilder().add("attestation", Jsonp.createObjectBuilder()
                .add("type", "x509").add("x509", Jsonp.createObjectBuilder().add("clientCertificates", Jsonp.createObjectBuilder()
                        .add("primary", Jsonp.createObjectBuilder().add("certificate", Certificates.toPem(leaf.certificate())))))).build(),
                Optional.empty());
        power(new TetheredFirmware(new HeldIdentity.X509(leaf), () -> Map.of("humidity", 40)), line -> line);

        TetheredDevice device = TetheredDevice.connect(link(LinkSettings.defaults()), dps, transport, 2);
        int signedBeforeConnecting = requests("SIGN").size();
        device.register();
        TelemetryOutcome sent = device.sendReadings();

        assertThat(device.device().timeline().statuses()).endsWith("assigned");
        assertThat(sent).isInstanceOf(TelemetryOutcome.Acknowledged.class);
        DeviceMessage message = simulator.iotHubs().getFirst().awaitMessages("pty-x509", 1, Duration.ofSeconds(5)).getFirst();
        assertThat(message.authMethod()).isIn("selfSigned", "certificateAuthority");
        assertThat(json(message.bodyText()).getInt("humidity")).isEqualTo(40);
        assertThat(requests("CHAIN")).isNotEmpty();
        // TLS handshakes to DPS and to the hub, each CertificateVerify signed by the board
        assertThat(requests("SIGN").size() - signedBeforeConnecting).isGreaterThanOrEqualTo(2);
        assertThat(requests("SIGN")).allSatisfy(request -> assertThat(request).contains(" SHA256withECDSA "));
    }

    @Test
    void garbageOnTheLineIsRetriedUnderANewSequenceNumber() {
        HeldCertificate leaf = HeldCertificate.builder().commonName("pty-noisy").build();
        power(new TetheredFirmware(new HeldIdentity.X509(leaf), Map::of),
                line -> new FaultyLine(line, reply -> reply == 1 ? FaultyLine.Fault.CORRUPT : FaultyLine.Fault.NONE));

        TetheredLink link = link(LinkSettings.defaults());

        assertThat(link.hello().attestation()).isEqualTo(AttestationKind.X509);
        assertThat(requests("HELLO")).hasSize(2).last().asString().startsWith(">2 HELLO*");
        assertThat(replies()).anySatisfy(reply -> assertThat(reply).startsWith("garbled:").contains("checksum"));
        assertThat(rigEnd.tail(10)).anySatisfy(line -> assertThat(line).contains("line noise"));
    }

    @Test
    void aStalledBoardFailsTheCommandNamingItAndReadIsTriedOnce() {
        HeldCertificate leaf = HeldCertificate.builder().commonName("pty-stalled").build();
        power(new TetheredFirmware(new HeldIdentity.X509(leaf), Map::of),
                line -> new FaultyLine(line, reply -> FaultyLine.Fault.DROP));
        TetheredLink link = link(LinkSettings.defaults().withTimeout(Command.CHAIN, Duration.ofMillis(400))
                .withTimeout(Command.READ, Duration.ofMillis(400)));

        assertThatThrownBy(link::chain).isInstanceOfSatisfying(TetheredException.class, e -> {
            assertThat(e.command()).isEqualTo(Command.CHAIN);
            assertThat(e.attempts()).isEqualTo(3);
            assertThat(e.tail()).contains("board log: working on it");
            assertThat(e).hasMessageContaining("tethered CHAIN").hasMessageContaining("no reply within 400 ms on " + ptys.rigEnd());
        });
        assertThatThrownBy(link::read).isInstanceOfSatisfying(TetheredException.class, e -> {
            assertThat(e.command()).isEqualTo(Command.READ);
            assertThat(e.attempts()).isEqualTo(1);
        });
    }

    private TetheredLink link(LinkSettings settings) {
        return new TetheredLink(rigEnd, "pty-board", settings, events::add, Clock.systemUTC(), Pause.SLEEPING);
    }

    private void power(Firmware firmware, java.util.function.UnaryOperator<Console> wiring) {
        Console line = wiring.apply(boardEnd);
        board = Thread.ofVirtual().name("board").start(() -> {
            try {
                firmware.run(line);
            } catch (InterruptedException e) {
                // power cut at the end of the test
            }
        });
    }

    private List<String> requests(String word) {
        return events.stream().filter(e -> e.kind() == RigEvent.Kind.TETHERED_REQUEST).map(RigEvent::detail)
                .filter(detail -> detail.matches(">\\d+ " + word + "[ *].*")).toList();
    }

    private List<String> replies() {
        return events.stream().filter(e -> e.kind() == RigEvent.Kind.TETHERED_REPLY).map(RigEvent::detail).toList();
    }

    private static JsonObject json(String text) {
        return Jsonp.createReader(new java.io.StringReader(text)).readObject();
    }
}
