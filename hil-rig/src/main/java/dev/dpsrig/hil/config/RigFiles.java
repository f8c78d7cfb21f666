package dev.dpsrig.hil.config;

import dev.dpsrig.hil.gpio.GpioPlatform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Reads rig files and board profiles (YAML). A rig file names its GPIO platform and lists boards, each
 * inline or as {@code profile: FILE} relative to the rig file:
 *
 * <pre>
 * gpio: mock                      # or pi4j
 * boards:
 *   - profile: boards/sensor.yaml
 *   - name: gateway
 *     serial: {port: /dev/serial/by-id/usb-FTDI-if00, baud: 115200}
 *     gpio:
 *       power: {pin: 17}
 *       reset: {pin: 27, active-low: true, pulse: 100ms}
 *       inputs: {ready: {pin: 22}}
 *     mode: console
 *     console: {boot: "^U-Boot", provisioned: "assigned to (\\S+)", failure: "panic|registration failed"}
 *     deadlines: {boot: 30s, provision: 2m}
 * </pre>
 *
 * Every problem is a {@link RigConfigException} naming the file and key path, found when the file is
 * loaded rather than when a scenario first touches the board: unknown keys, bad values, and a port or
 * GPIO line claimed twice.
 */
public final class RigFiles {
    private RigFiles() {
    }

    public static RigFile load(Path file) {
        YamlNode root = YamlNode.root(file, read(file));
        root.allowOnly("gpio", "boards");
        GpioPlatform gpio = switch (root.optionalString("gpio").orElse("mock")) {
            case "mock" -> GpioPlatform.MOCK;
            case "pi4j" -> GpioPlatform.PI4J;
            default -> throw root.error("gpio", "expected mock or pi4j, not '" + root.string("gpio") + "'");
        };
        List<YamlNode> entries = root.listOfMaps("boards");
        if (entries.isEmpty()) {
            throw root.error("boards", "lists no boards");
        }
        Claims claims = new Claims();
        List<BoardProfile> boards = new ArrayList<>();
        for (YamlNode entry : entries) {
            YamlNode where;
            if (entry.has("profile")) {
                if (entry.keys().size() > 1) {
                    throw entry.error("a board given by 'profile' takes no other keys; put them in the profile file");
                }
                Path profileFile = resolve(file, entry.string("profile"));
                where = YamlNode.root(profileFile, read(profileFile));
            } else {
                where = entry;
            }
            BoardProfile board = BoardProfiles.parse(where);
            claims.claimAll(board, where);
            boards.add(board);
        }
        return new RigFile(file, gpio, boards);
    }

    /** A board profile file on its own. */
    public static BoardProfile loadProfile(Path file) {
        YamlNode root = YamlNode.root(file, read(file));
        BoardProfile board = BoardProfiles.parse(root);
        new Claims().claimAll(board, root);
        return board;
    }

    static Path resolve(Path file, String relative) {
        Path folder = file.toAbsolutePath().getParent();
        return folder.resolve(relative).normalize();
    }

    private static Object read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new RigConfigException(file, "", "no such file");
        } catch (IOException e) {
            throw new RigConfigException(file, "", "cannot read it: " + e.getMessage(), e);
        }
        Object loaded;
        try {
            loaded = new Load(LoadSettings.builder().setLabel(file.toString()).build()).loadFromString(text);
        } catch (MarkedYamlEngineException e) {
            String at = e.getProblemMark().map(mark -> " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1)).orElse("");
            throw new RigConfigException(file, "", "not valid YAML: " + e.getProblem() + at, e);
        } catch (YamlEngineException e) {
            throw new RigConfigException(file, "", "not valid YAML: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        if (loaded == null) {
            throw new RigConfigException(file, "", "is empty");
        }
        return loaded;
    }
}
