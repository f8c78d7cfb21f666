package dev.dpsrig.hil.config;

import java.time.Duration;

/** How long each transition of a board may take: power-on to booted, booted to provisioned. */
public record Deadlines(Duration boot, Duration provision) {
    public static final Duration DEFAULT_BOOT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_PROVISION = Duration.ofSeconds(120);
}
