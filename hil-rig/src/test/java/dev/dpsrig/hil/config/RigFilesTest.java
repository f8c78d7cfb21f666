package dev.dpsrig.hil.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dpsrig.hil.AttestationKind;
import dev.dpsrig.hil.gpio.GpioPlatform;
import dev.dpsrig.hil.serial.Parity;
import dev.dpsrig.hil.serial.PortAddress;
import dev.dpsrig.hil.serial.StopBits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RigFilesTest {
    @TempDir
    Path dir;

    private static final String GATEWAY = """
              - name: gateway
                serial: {port: /dev/ttyGW, baud: 9600, data-bits: 7, parity: even, stop-bits: 2, read-timeout: 50ms}
                gpio:
                  power: {pin: 17, active-low: true}
                  reset: {pin: 27, active-low: true, pulse: 250ms}
                  inputs: {ready: {pin: 22}}
                mode: console
                console: {boot: "^U-Boot", provisioned: "assigned to (\\\\S+)", failure: "panic"}
                probe: {send: version, expect: "^fw ", timeout: 3s}
                identity:
                  registration-id: gw-001
                  attestation: x509
                  credentials: {certificate: certs/gw.pem, key: certs/gw.key}
                deadlines: {boot: 20s, provision: 2m}
            """;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    @Test
    void readsAnInlineBoardAndOneByReference() throws IOException {
        write("boards/sensor.yaml", """
                name: sensor
                serial: {usb-serial: A10K3X}
                gpio: {power: {pin: 5}}
                mode: tethered
                """);
        Path rigFile = write("rig.yaml", "gpio: pi4j\nboards:\n" + GATEWAY + "  - profile: boards/sensor.yaml\n");

        RigFile rig = RigFiles.load(rigFile);

        assertThat(rig.gpio()).isEqualTo(GpioPlatform.PI4J);
        assertThat(rig.boards()).extracting(BoardProfile::name).containsExactly("gateway", "sensor");
        BoardProfile gateway = rig.boards().getFirst();
        assertThat(gateway.source()).isEqualTo(rigFile);
        assertThat(gateway.serial().port()).isEqualTo(new PortAddress.ByPath(Path.of("/dev/ttyGW")));
        assertThat(gateway.serial().framing()).isEqualTo("9600 7E2");
        assertThat(gateway.serial().parity()).isEqualTo(Parity.EVEN);
        assertThat(gateway.serial().stopBits()).isEqualTo(StopBits.TWO);
        assertThat(gateway.serial().readTimeout()).isEqualTo(Duration.ofMillis(50));
        assertThat(gateway.gpio().power()).isEqualTo(new LineConfig(17, true));
        assertThat(gateway.gpio().reset()).contains(new ResetLine(new LineConfig(27, true), Duration.ofMillis(250)));
        assertThat(gateway.gpio().inputs()).containsExactly(Map.entry("ready", new LineConfig(22, false)));
        assertThat(gateway.mode()).isEqualTo(BoardMode.CONSOLE);
        assertThat(gateway.patterns().provisioned().orElseThrow().matcher("assigned to hub-1").find()).isTrue();
        assertThat(gateway.patterns().failure().orElseThrow().pattern()).isEqualTo("panic");
        assertThat(gateway.probe().send()).isEqualTo("version");
        assertThat(gateway.probe().timeout()).isEqualTo(Duration.ofSeconds(3));
        Identity identity = gateway.identity().orElseThrow();
        assertThat(identity.registrationId()).isEqualTo("gw-001");
        assertThat(identity.attestation()).isEqualTo(AttestationKind.X509);
        assertThat(identity.credentials()).containsEntry("certificate", dir.resolve("certs/gw.pem"));
        assertThat(gateway.deadlines()).isEqualTo(new Deadlines(Duration.ofSeconds(20), Duration.ofMinutes(2)));

        BoardProfile sensor = rig.boards().get(1);
        assertThat(sensor.source()).isEqualTo(dir.resolve("boards/sensor.yaml"));
        assertThat(sensor.serial().port()).isEqualTo(new PortAddress.ByUsbSerial("A10K3X"));
        assertThat(sensor.serial().framing()).isEqualTo("115200 8N1");
        assertThat(sensor.mode()).isEqualTo(BoardMode.TETHERED);
        assertThat(sensor.gpio().reset()).isEmpty();
        assertThat(sensor.patterns().boot()).isEmpty();
        assertThat(sensor.probe()).isEqualTo(ProbeConfig.DEFAULT);
        assertThat(sensor.deadlines()).isEqualTo(new Deadlines(Deadlines.DEFAULT_BOOT, Deadlines.DEFAULT_PROVISION));
    }

    @Test
    void relativePortPathsAreRelativeToTheFileThatNamesThem() throws IOException {
        Path rigFile = write("rig.yaml", """
                boards:
                  - name: a
                    serial: {port: ttyA}
                    gpio: {power: {pin: 5}}
                    mode: tethered
                """);

        assertThat(RigFiles.load(rigFile).boards().getFirst().serial().port()).isEqualTo(new PortAddress.ByPath(dir.resolve("ttyA")));
        assertThat(RigFiles.load(rigFile).gpio()).isEqualTo(GpioPlatform.MOCK);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown key        | {name: a, serial: {port: /dev/a}, gpio: {power: {pin: 5, active-lwo: true}}, mode: tethered}    | boards[0].gpio.power.active-lwo: unknown key; expected one of active-low, pin
            missing name       | {serial: {port: /dev/a}, gpio: {power: {pin: 5}}, mode: tethered}                                | boards[0].name: missing
            pin is text        | {name: a, serial: {port: /dev/a}, gpio: {power: {pin: seventeen}}, mode: tethered}               | boards[0].gpio.power.pin: expected a whole number, not 'seventeen'
            negative pin       | {name: a, serial: {port: /dev/a}, gpio: {power: {pin: -1}}, mode: tethered}                      | boards[0].gpio.power.pin: must be a BCM GPIO number
            no port            | {name: a, serial: {baud: 9600}, gpio: {power: {pin: 5}}, mode: tethered}                         | boards[0].serial: give exactly one of port
            two ports          | {name: a, serial: {port: /dev/a, usb-serial: X}, gpio: {power: {pin: 5}}, mode: tethered}        | boards[0].serial: give exactly one of port
            bad parity         | {name: a, serial: {port: /dev/a, parity: sometimes}, gpio: {power: {pin: 5}}, mode: tethered}    | boards[0].serial.parity: expected none, odd, even, mark or space, not 'sometimes'
            bad stop bits      | {name: a, serial: {port: /dev/a, stop-bits: 3}, gpio: {power: {pin: 5}}, mode: tethered}         | boards[0].serial.stop-bits: expected 1, 1.5 or 2, not 3
            bad data bits      | {name: a, serial: {port: /dev/a, data-bits: 9}, gpio: {power: {pin: 5}}, mode: tethered}         | boards[0].serial.data-bits: must be 5, 6, 7 or 8, not 9
            duration unitless  | {name: a, serial: {port: /dev/a}, gpio: {power: {pin: 5}}, mode: tethered, deadlines: {boot: 30}} | boards[0].deadlines.boot: expected a duration with its unit
            bad mode           | {name: a, serial: {port: /dev/a}, gpio: {power: {pin: 5}}, mode: telepathic}                     | boards[0].mode: expected console or tethered, not 'telepathic'
            console no boot    | {name: a, serial: {port: /dev/a}, gpio: {power: {pin: 5}}, console: {provisioned: ok}}           | boards[0].console.boot: missing
            console missing    | {name: a, serial: {port: /dev/a}, gpio: {power: {pin: 5}}}                                        | boards[0].console: missing
            bad regex          | {name: a, serial: {port: /dev/a}, gpio: {power: {pin: 5}}, console: {boot: 'x(', provisioned: ok}} | boards[0].console.boot: not a valid regular expression
            bad attestation    | {name: a, serial: {port: /dev/a}, gpio: {power: {pin: 5}}, mode: tethered, identity: {registration-id: r, attestation: pgp}} | boards[0].identity.attestation: expected x509, symmetric-key or tpm, not 'pgp'
            board not a map    | just-a-name                                                                                        | boards[0]: expected a mapping of keys to values, not 'just-a-name'
            """)
    void badBoardIsRefusedNamingFileAndKeyPath(String name, String board, String expected) throws IOException {
        Path rigFile = write("rig.yaml", "boards:\n  - " + board + "\n");

        assertThatThrownBy(() -> RigFiles.load(rigFile))
                .isInstanceOf(RigConfigException.class)
                .hasMessageStartingWith(rigFile + ": " + expected);
    }

    @Test
    void unknownGpioPlatformIsRefused() throws IOException {
        Path rigFile = write("rig.yaml", "gpio: wiringpi\nboards: []\n");

        assertThatThrownBy(() -> RigFiles.load(rigFile)).hasMessage(rigFile + ": gpio: expected mock or pi4j, not 'wiringpi'");
    }

    @Test
    void aRigWithoutBoardsIsRefused() throws IOException {
        Path rigFile = write("rig.yaml", "gpio: mock\nboards: []\n");

        assertThatThrownBy(() -> RigFiles.load(rigFile)).hasMessage(rigFile + ": boards: lists no boards");
    }

    @Test
    void gpioLineClaimedByTwoBoardsNamesBothClaimants() throws IOException {
        Path rigFile = write("rig.yaml", """
                boards:
                  - {name: a, serial: {port: /dev/a}, gpio: {power: {pin: 17}}, mode: tethered}
                  - {name: b, serial: {port: /dev/b}, gpio: {power: {pin: 4}, reset: {pin: 17}}, mode: tethered}
                """);

        assertThatThrownBy(() -> RigFiles.load(rigFile))
                .isInstanceOf(RigConfigException.class)
                .hasMessage(rigFile + ": boards[1].gpio.reset.pin: GPIO 17 is already claimed at " + rigFile + ": boards[0].gpio.power.pin")
                .satisfies(e -> assertThat(((RigConfigException) e).keyPath()).isEqualTo("boards[1].gpio.reset.pin"));
    }

    @Test
    void gpioLineClaimedTwiceByOneBoardIsRefused() throws IOException {
        Path rigFile = write("rig.yaml", """
                boards:
                  - {name: a, serial: {port: /dev/a}, gpio: {power: {pin: 17}, inputs: {ready: {pin: 17}}}, mode: tethered}
                """);

        assertThatThrownBy(() -> RigFiles.load(rigFile))
                .hasMessage(rigFile + ": boards[0].gpio.inputs.ready.pin: GPIO 17 is already claimed at " + rigFile + ": boards[0].gpio.power.pin");
    }

    @Test
    void portClaimedTwiceEvenThroughALinkIsRefused() throws IOException {
        Path device = write("ttyREAL", "");
        Files.createSymbolicLink(dir.resolve("ttyLINK"), device);
        Path rigFile = write("rig.yaml", """
                boards:
                  - {name: a, serial: {port: ttyREAL}, gpio: {power: {pin: 1}}, mode: tethered}
                  - {name: b, serial: {port: ttyLINK}, gpio: {power: {pin: 2}}, mode: tethered}
                """);

        assertThatThrownBy(() -> RigFiles.load(rigFile))
                .hasMessage(rigFile + ": boards[1].serial.port: serial port " + dir.resolve("ttyLINK") + " is already claimed at "
                        + rigFile + ": boards[0].serial.port");
    }

    @Test
    void aClaimInsideAReferencedProfileNamesTheProfileFile() throws IOException {
        Path profile = write("b.yaml", "{name: b, serial: {usb-serial: X1}, gpio: {power: {pin: 2}}, mode: tethered}\n");
        Path rigFile = write("rig.yaml", """
                boards:
                  - {name: a, serial: {usb-serial: X1}, gpio: {power: {pin: 1}}, mode: tethered}
                  - profile: b.yaml
                """);

        assertThatThrownBy(() -> RigFiles.load(rigFile))
                .hasMessage(profile + ": serial.usb-serial: serial port usb-serial:X1 is already claimed at " + rigFile + ": boards[0].serial.usb-serial");
    }

    @Test
    void twoBoardsWithOneNameAreRefused() throws IOException {
        Path rigFile = write("rig.yaml", """
                boards:
                  - {name: a, serial: {port: /dev/a}, gpio: {power: {pin: 1}}, mode: tethered}
                  - {name: a, serial: {port: /dev/b}, gpio: {power: {pin: 2}}, mode: tethered}
                """);

        assertThatThrownBy(() -> RigFiles.load(rigFile)).hasMessageContaining("boards[1].name: board name 'a' is already claimed at");
    }

    @Test
    void profileReferenceTakesNoOtherKeys() throws IOException {
        Path rigFile = write("rig.yaml", "boards:\n  - {profile: b.yaml, name: b}\n");

        assertThatThrownBy(() -> RigFiles.load(rigFile))
                .hasMessage(rigFile + ": boards[0]: a board given by 'profile' takes no other keys; put them in the profile file");
    }

    @Test
    void missingProfileFileIsNamed() throws IOException {
        Path rigFile = write("rig.yaml", "boards:\n  - profile: nowhere.yaml\n");

        assertThatThrownBy(() -> RigFiles.load(rigFile)).hasMessage(dir.resolve("nowhere.yaml") + ": no such file");
    }

    @Test
    void missingRigFileIsNamed() {
        assertThatThrownBy(() -> RigFiles.load(dir.resolve("absent.yaml"))).hasMessage(dir.resolve("absent.yaml") + ": no such file");
    }

    @Test
    void yamlSyntaxErrorGivesTheLine() throws IOException {
        Path rigFile = write("rig.yaml", "boards:\n  - {name: a\n  - b\n");

        assertThatThrownBy(() -> RigFiles.load(rigFile))
                .hasMessageStartingWith(rigFile + ": not valid YAML: ")
                .hasMessageContaining("but got <stream end> at line 4, column 1")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void emptyFileIsRefused() throws IOException {
        Path rigFile = write("rig.yaml", "");

        assertThatThrownBy(() -> RigFiles.load(rigFile)).hasMessage(rigFile + ": is empty");
    }

    @Test
    void aProfileFileLoadsOnItsOwn() throws IOException {
        Path profile = write("p.yaml", "{name: p, serial: {port: /dev/p}, gpio: {power: {pin: 3}, reset: {pin: 3}}, mode: tethered}\n");

        assertThatThrownBy(() -> RigFiles.loadProfile(profile))
                .hasMessage(profile + ": gpio.reset.pin: GPIO 3 is already claimed at " + profile + ": gpio.power.pin");
    }
}
