package dev.dpsrig.hil.config;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a console-mode board prints when it has booted and when it is provisioned, and what it prints
 * when something went wrong, so a failing board fails at once instead of at the deadline.
 */
public record ConsolePatterns(Optional<Pattern> boot, Optional<Pattern> provisioned, Optional<Pattern> failure) { }
