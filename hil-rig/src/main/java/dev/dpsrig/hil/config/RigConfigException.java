package dev.dpsrig.hil.config;

import dev.dpsrig.hil.RigException;
import java.nio.file.Path;

/** A rig file or board profile that cannot be used, with the file and the key path at fault. */
public final class RigConfigException extends RigException {
    private final Path file;
    private final String keyPath;

    public RigConfigException(Path file, String keyPath, String problem) {
        super(file + (keyPath.isEmpty() ? "" : ": " + keyPath) + ": " + problem);
        this.file = file;
        this.keyPath = keyPath;
    }

    public RigConfigException(Path file, String keyPath, String problem, Throwable cause) {
        super(file + (keyPath.isEmpty() ? "" : ": " + keyPath) + ": " + problem, cause);
        this.file = file;
        this.keyPath = keyPath;
    }

    public Path file() {
        return file;
    }

    /** Where in the file, e.g. {@code boards[1].gpio.reset.pin}; empty for the file as a whole. */
    public String keyPath() {
        return keyPath;
    }
}
