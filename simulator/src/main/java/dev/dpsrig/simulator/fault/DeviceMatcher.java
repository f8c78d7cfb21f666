package dev.dpsrig.simulator.fault;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which devices a rule applies to: {@code *} for every device, an exact registration or device id,
 * or a pattern with {@code *} and {@code ?} wildcards ({@code sensor-*}). Compared without regard to
 * case, as DPS compares registration ids.
 */
public record DeviceMatcher(String pattern) {
    public static final DeviceMatcher EVERY_DEVICE = new DeviceMatcher("*");

    public DeviceMatcher {
        if (pattern.isBlank()) {
            throw new IllegalArgumentException("a device pattern cannot be empty; use * for every device");
        }
    }

    public boolean matchesEveryDevice() {
        return pattern.equals("*");
    }

    public boolean matches(String deviceId) {
        if (matchesEveryDevice()) {
            return true;
        }
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toLowerCase(Locale.ROOT).toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return deviceId.toLowerCase(Locale.ROOT).matches(regex.toString());
    }
}
