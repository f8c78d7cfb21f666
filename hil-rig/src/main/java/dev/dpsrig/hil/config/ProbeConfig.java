package dev.dpsrig.hil.config;

import java.time.Duration;
import java.util.regex.Pattern;

/** The line {@code rig check} sends a console board and the answer it expects within {@code timeout}. */
public record ProbeConfig(String send, Pattern expect, Duration timeout) {
    /** Without a probe in the profile: an empty line, answered by any non-empty line (most consoles print a prompt). */
    public static final ProbeConfig DEFAULT = new ProbeConfig("", Pattern.compile("\\S"), Duration.ofSeconds(5));
}
