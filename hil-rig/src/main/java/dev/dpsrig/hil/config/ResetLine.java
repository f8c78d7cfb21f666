package dev.dpsrig.hil.config;

import java.time.Duration;

/** A board's reset line and how long a reset holds it asserted. */
public record ResetLine(LineConfig line, Duration pulse) {
    public static final Duration DEFAULT_PULSE = Duration.ofMillis(100);
}
