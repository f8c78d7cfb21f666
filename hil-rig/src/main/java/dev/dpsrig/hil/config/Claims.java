package dev.dpsrig.hil.config;

import dev.dpsrig.hil.serial.PortAddress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Which board claims which serial port and GPIO line, so a rig file that wires one line to two places
 * (or a board's power and reset to the same pin) is refused when it is loaded, naming both claimants.
 */
final class Claims {
    private final Map<String, String> ports = new HashMap<>();
    private final Map<Integer, String> pins = new HashMap<>();
    private final Map<String, String> names = new HashMap<>();

    void claimAll(BoardProfile board, YamlNode where) {
        claim(names, board.name(), where, "name", "board name '" + board.name() + "'");
        claim(ports, portKey(board.serial().port()), where, portKeyPath(board.serial().port()),
                "serial port " + board.serial().port());
        claimPin(board.gpio().power().pin(), where, "gpio.power.pin");
        board.gpio().reset().ifPresent(reset -> claimPin(reset.line().pin(), where, "gpio.reset.pin"));
        board.gpio().inputs().forEach((name, line) -> claimPin(line.pin(), where, "gpio.inputs." + name + ".pin"));
    }

    private void claimPin(int pin, YamlNode where, String key) {
        claim(pins, pin, where, key, "GPIO " + pin);
    }

    private static <K> void claim(Map<K, String> claimed, K key, YamlNode where, String keyPath, String what) {
        String claimant = where.file() + ": " + where.keyPath(keyPath);
        String earlier = claimed.putIfAbsent(key, claimant);
        if (earlier != null) {
            throw new RigConfigException(where.file(), where.keyPath(keyPath), what + " is already claimed at " + earlier);
        }
    }

    private static String portKeyPath(PortAddress port) {
        return switch (port) {
            case PortAddress.ByPath byPath -> "serial.port";
            case PortAddress.ByUsbSerial byUsb -> "serial.usb-serial";
        };
    }

    /** Two links to one device are one port. */
    private static String portKey(PortAddress port) {
        return switch (port) {
            case PortAddress.ByPath byPath -> realPath(byPath.path()).toString();
            case PortAddress.ByUsbSerial byUsb -> "usb-serial:" + byUsb.serialNumber();
        };
    }

    private static Path realPath(Path path) {
        if (!Files.exists(path)) {
            return path;
        }
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path;
        }
    }
}
