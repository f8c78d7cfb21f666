package dev.dpsrig.simulator.quota;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.Locale;

/**
 * A quota: {@code count} requests per {@code period}, e.g. 1000/min or 5/10s. The bucket starts full
 * and holds one period's worth, which is the burst a client may send at once.
 */
public record Rate(double count, Duration period) {

    public Rate {
        if (!(count > 0) || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("a rate is a positive count per a positive period, not " + count + "/" + period);
        }
    }

    public double perSecond() {
        return count / (period.toNanos() / 1e9);
    }

    public double burst() {
        return Math.max(1, count);
    }

    /** {@code 1000/min}, {@code 12/s}, {@code 5/10s}, {@code 100/1m}, {@code 1.67/s}. */
    public static Rate parse(String text) {
        String[] parts = text.strip().split("/");
        if (parts.length != 2) {
            throw new IllegalArgumentException("rate '" + text + "' is not COUNT/PERIOD, e.g. 1000/min or 5/10s");
        }
        double count;
        try {
            count = Double.parseDouble(parts[0]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("rate '" + text + "': '" + parts[0] + "' is not a number");
        }
        String period = parts[1].strip().toLowerCase(Locale.ROOT);
        String digits = period.replaceAll("[a-z]+$", "");
        String unit = period.substring(digits.length());
        BigDecimal amount;
        try {
            amount = digits.isEmpty() ? BigDecimal.ONE : new BigDecimal(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("rate '" + text + "': period '" + parts[1] + "' is not like s, min, 10s or 1h");
        }
        long unitMillis = switch (unit) {
            case "ms" -> 1;
            case "s", "sec" -> 1000;
            case "m", "min" -> 60_000;
            case "h" -> 3_600_000;
            default -> throw new IllegalArgumentException("rate '" + text + "': unknown unit '" + unit + "' (ms, s, min, h)");
        };
        long millis;
        try {
            millis = amount.multiply(BigDecimal.valueOf(unitMillis)).longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("rate '" + text + "': period '" + parts[1] + "' is not a whole number of milliseconds");
        }
        return new Rate(count, Duration.ofMillis(millis));
    }

    @Override
    public String toString() {
        long millis = period.toMillis();
        String per = millis % 60_000 == 0 ? (millis == 60_000 ? "min" : millis / 60_000 + "min")
                : millis % 1000 == 0 ? (millis == 1000 ? "s" : millis / 1000 + "s") : millis + "ms";
        return BigDecimal.valueOf(count).round(new MathContext(6)).stripTrailingZeros().toPlainString() + "/" + per;
    }
}
