package dev.dpsrig.hil.config;

import dev.dpsrig.hil.AttestationKind;
import dev.dpsrig.hil.serial.Parity;
import dev.dpsrig.hil.serial.PortAddress;
import dev.dpsrig.hil.serial.SerialSettings;
import dev.dpsrig.hil.serial.StopBits;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Turns one board's YAML mapping (inline in a rig file or a profile file) into a {@link BoardProfile}. */
final class BoardProfiles {
    private BoardProfiles() {
    }

    static BoardProfile parse(YamlNode board) {
        board.allowOnly("name", "serial", "gpio", "mode", "console", "probe", "identity", "deadlines");
        String name = board.string("name");
        if (name.isBlank()) {
            throw board.error("name", "must not be blank");
        }
        BoardMode mode = switch (board.optionalString("mode").orElse("console")) {
            case "console" -> BoardMode.CONSOLE;
            case "tethered" -> BoardMode.TETHERED;
            default -> throw board.error("mode", "expected console or tethered, not '" + board.string("mode") + "'");
        };
        ConsolePatterns patterns = patterns(board, mode);
        ProbeConfig probe = board.optionalMap("probe").map(BoardProfiles::probe).orElse(ProbeConfig.DEFAULT);
        Deadlines deadlines = board.optionalMap("deadlines").map(BoardProfiles::deadlines)
                .orElse(new Deadlines(Deadlines.DEFAULT_BOOT, Deadlines.DEFAULT_PROVISION));
        return new BoardProfile(name, board.file(), serial(board.map("serial")), gpio(board.map("gpio")), mode, patterns, probe,
                board.optionalMap("identity").map(BoardProfiles::identity), deadlines);
    }

    private static SerialSettings serial(YamlNode serial) {
        serial.allowOnly("port", "usb-serial", "baud", "data-bits", "parity", "stop-bits", "read-timeout");
        PortAddress port;
        if (serial.has("port") == serial.has("usb-serial")) {
            throw serial.error("give exactly one of port (a device path) and usb-serial (the adapter's serial number)");
        } else if (serial.has("port")) {
            port = new PortAddress.ByPath(RigFiles.resolve(serial.file(), serial.string("port")));
        } else {
            port = new PortAddress.ByUsbSerial(serial.string("usb-serial"));
        }
        int baud = serial.optionalInt("baud").orElse(SerialSettings.DEFAULT_BAUD);
        if (baud <= 0) {
            throw serial.error("baud", "must be positive, not " + baud);
        }
        int dataBits = serial.optionalInt("data-bits").orElse(8);
        if (dataBits < 5 || dataBits > 8) {
            throw serial.error("data-bits", "must be 5, 6, 7 or 8, not " + dataBits);
        }
        Parity parity = serial.optionalString("parity").map(text -> parity(serial, text)).orElse(Parity.NONE);
        StopBits stopBits = stopBits(serial);
        return new SerialSettings(port, baud, dataBits, parity, stopBits,
                serial.duration("read-timeout").orElse(SerialSettings.DEFAULT_READ_TIMEOUT));
    }

    private static Parity parity(YamlNode serial, String text) {
        try {
            return Parity.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw serial.error("parity", "expected none, odd, even, mark or space, not '" + text + "'");
        }
    }

    private static StopBits stopBits(YamlNode serial) {
        String text = serial.scalar("stop-bits").orElse("1");
        return switch (text) {
            case "1" -> StopBits.ONE;
            case "1.5" -> StopBits.ONE_AND_A_HALF;
            case "2" -> StopBits.TWO;
            default -> throw serial.error("stop-bits", "expected 1, 1.5 or 2, not " + text);
        };
    }

    private static GpioLines gpio(YamlNode gpio) {
        gpio.allowOnly("power", "reset", "inputs");
        LineConfig power = line(gpio.map("power"));
        Optional<ResetLine> reset = gpio.optionalMap("reset").map(node -> {
            node.allowOnly("pin", "active-low", "pulse");
            return new ResetLine(lineValues(node), node.duration("pulse").orElse(ResetLine.DEFAULT_PULSE));
        });
        Map<String, LineConfig> inputs = new LinkedHashMap<>();
        gpio.mapOfMaps("inputs").forEach((name, node) -> inputs.put(name, line(node)));
        return new GpioLines(power, reset, inputs);
    }

    private static LineConfig line(YamlNode node) {
        node.allowOnly("pin", "active-low");
        return lineValues(node);
    }

    private static LineConfig lineValues(YamlNode node) {
        int pin = node.integer("pin");
        if (pin < 0) {
            throw node.error("pin", "must be a BCM GPIO number (0 or more), not " + pin);
        }
        return new LineConfig(pin, node.bool("active-low", false));
    }

    private static ConsolePatterns patterns(YamlNode board, BoardMode mode) {
        Optional<YamlNode> console = board.optionalMap("console");
        console.ifPresent(node -> node.allowOnly("boot", "provisioned", "failure"));
        ConsolePatterns patterns = new ConsolePatterns(
                console.flatMap(node -> node.pattern("boot")),
                console.flatMap(node -> node.pattern("provisioned")),
                console.flatMap(node -> node.pattern("failure")));
        if (mode == BoardMode.CONSOLE) {
            YamlNode node = console.orElseThrow(() -> board.error("console", "missing; a console-mode board needs its boot and provisioned patterns"));
            if (patterns.boot().isEmpty()) {
                throw node.error("boot", "missing; a console-mode board needs the pattern its boot prints");
            }
            if (patterns.provisioned().isEmpty()) {
                throw node.error("provisioned", "missing; a console-mode board needs the pattern it prints once provisioned");
            }
        }
        return patterns;
    }

    private static ProbeConfig probe(YamlNode probe) {
        probe.allowOnly("send", "expect", "timeout");
        return new ProbeConfig(probe.optionalString("send").orElse(ProbeConfig.DEFAULT.send()),
                probe.pattern("expect").orElse(ProbeConfig.DEFAULT.expect()),
                probe.duration("timeout").orElse(ProbeConfig.DEFAULT.timeout()));
    }

    private static Deadlines deadlines(YamlNode deadlines) {
        deadlines.allowOnly("boot", "provision");
        return new Deadlines(deadlines.duration("boot").orElse(Deadlines.DEFAULT_BOOT),
                deadlines.duration("provision").orElse(Deadlines.DEFAULT_PROVISION));
    }

    private static Identity identity(YamlNode identity) {
        identity.allowOnly("registration-id", "attestation", "credentials");
        String attestation = identity.string("attestation");
        AttestationKind kind = AttestationKind.byProfileName(attestation).orElseThrow(() -> identity.error("attestation",
                "expected x509, symmetric-key or tpm, not '" + attestation + "'"));
        Map<String, Path> credentials = new LinkedHashMap<>();
        identity.optionalMap("credentials").ifPresent(node -> node.keys().forEach(
                key -> credentials.put(key, RigFiles.resolve(node.file(), node.string(key)))));
        return new Identity(identity.string("registration-id"), kind, credentials);
    }
}
