package dev.dpsrig.hil.config;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A duration as rig files and the {@code rig} commands write it: a whole number and its unit, {@code 500ms},
 * {@code 30s}, {@code 2m}, {@code 1h}.
 */
public final class DurationText {
    /** What a duration looks like, for messages. */
    public static final String EXPECTED = "a duration with its unit (500ms, 30s, 2m, 1h)";
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

    private DurationText() {
    }

    /**
     * The duration {@code text} says; empty if it is not one. Throws {@link IllegalArgumentException} for one
     * that is zero or too long to hold.
     */
    public static Optional<Duration> parse(String text) {
        Matcher matcher = DURATION.matcher(text.strip());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        Duration duration;
        try {
            long amount = Long.parseLong(matcher.group(1));
            duration = switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("is too long a duration: '" + text + "'", e);
        }
        if (duration.isZero()) {
            throw new IllegalArgumentException("must be longer than zero");
        }
        return Optional.of(duration);
    }
}
