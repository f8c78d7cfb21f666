package dev.dpsrig.hil.config;

import dev.dpsrig.hil.serial.SerialSettings;
import java.nio.file.Path;
import java.util.Optional;

/** Everything the rig knows about one board, as its profile (inline in a rig file or a file of its own) says. */
public record BoardProfile(
        String name,
        Path source,
        SerialSettings serial,
        GpioLines gpio,
        BoardMode mode,
        ConsolePatterns patterns,
        ProbeConfig probe,
        Optional<Identity> identity,
        Deadlines deadlines) { }
