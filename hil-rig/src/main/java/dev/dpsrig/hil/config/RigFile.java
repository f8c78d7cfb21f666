package dev.dpsrig.hil.config;

import dev.dpsrig.hil.gpio.GpioPlatform;
import java.nio.file.Path;
import java.util.List;

/** A rig: which GPIO platform drives its lines, and the boards wired to it, in file order. */
public record RigFile(Path file, GpioPlatform gpio, List<BoardProfile> boards) {
    public RigFile {
        boards = List.copyOf(boards);
    }
}
