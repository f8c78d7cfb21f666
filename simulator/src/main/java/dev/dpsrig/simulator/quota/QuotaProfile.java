package dev.dpsrig.simulator.quota;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which quotas the simulator enforces, modelled on the documented limits: DPS registrations and
 * operations per minute for the service, polls per device (5 per 10 s), and per hub device-to-cloud
 * sends and cloud-to-device receives per second for its tier and units. An absent quota is not
 * enforced.
 *
 * <p>Named profiles: {@code off} (nothing enforced), {@code azure-s1} and {@code azure-s3}, either with
 * {@code :UNITS} for more hub units ({@code azure-s1:4}). Or explicit quotas:
 * {@code registrations=1000/min,operations=1000/min,polls=5/10s,d2c=100/s,c2d-receives=16.67/s}.
 */
public record QuotaProfile(String name, Map<Quota, Rate> rates) {

    /** The quotas a profile may set. */
    public enum Quota {
        /** Register calls, for the whole DPS. */
        REGISTRATIONS,
        /** Every device runtime call (register and both lookups), for the whole DPS. */
        OPERATIONS,
        /** Operation lookups, per device. */
        POLLS,
        /** Device-to-cloud sends, per hub. */
        D2C,
        /** Cloud-to-device receives, per hub. */
        C2D_RECEIVES;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public static final QuotaProfile OFF = new QuotaProfile("off", Map.of());

    public QuotaProfile {
        EnumMap<Quota, Rate> ordered = new EnumMap<>(Quota.class);
        ordered.putAll(rates);
        rates = Collections.unmodifiableMap(ordered);
    }

    public Optional<Rate> rate(Quota quota) {
        return Optional.ofNullable(rates.get(quota));
    }

    public static QuotaProfile parse(String text) {
        String spec = text.strip().toLowerCase(Locale.ROOT);
        if (spec.equals("off")) {
            return OFF;
        }
        if (spec.startsWith("azure-s1") || spec.startsWith("azure-s3")) {
            int units = 1;
            int colon = spec.indexOf(':');
            String tier = colon < 0 ? spec : spec.substring(0, colon);
            if (colon >= 0) {
                try {
                    units = Integer.parseInt(spec.substring(colon + 1));
                } catch (NumberFormatException e) {
                    units = -1;
                }
                if (units < 1) {
                    throw new IllegalArgumentException("quota profile '" + text + "': units after ':' must be a positive whole number");
                }
            }
            if (tier.equals("azure-s1")) {
                // IoT Hub S1: max(100/s, 12/s/unit) sends, 1,000/min/unit C2D receives over HTTPS.
                return azure(text.strip(), Math.max(100, 12.0 * units), 1000.0 / 60 * units);
            }
            if (tier.equals("azure-s3")) {
                // IoT Hub S3: 6,000/s/unit sends, 833.33/s/unit C2D receives over HTTPS.
                return azure(text.strip(), 6000.0 * units, 833.33 * units);
            }
        }
        if (!spec.contains("=")) {
            throw new IllegalArgumentException("unknown quota profile '" + text + "'; one of off, azure-s1[:UNITS], azure-s3[:UNITS],"
                    + " or explicit quotas like registrations=1000/min,polls=5/10s,d2c=100/s");
        }
        Map<Quota, Rate> rates = new LinkedHashMap<>();
        for (String pair : spec.split(",")) {
            String[] keyValue = pair.split("=", 2);
            if (keyValue.length != 2) {
                throw new IllegalArgumentException("quota '" + pair + "' is not NAME=COUNT/PERIOD");
            }
            Quota quota = Arrays.stream(Quota.values()).filter(q -> q.wireName().equals(keyValue[0].strip())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown quota '" + keyValue[0] + "'; one of "
                            + Arrays.stream(Quota.values()).map(Quota::wireName).collect(Collectors.joining(", "))));
            rates.put(quota, Rate.parse(keyValue[1]));
        }
        return new QuotaProfile("custom", rates);
    }

    /** DPS: 1,000 registrations and operations a minute per unit, 5 polls per 10 s per device (2024 limits). */
    private static QuotaProfile azure(String name, double sendsPerSecond, double c2dReceivesPerSecond) {
        Map<Quota, Rate> rates = new LinkedHashMap<>();
        rates.put(Quota.REGISTRATIONS, new Rate(1000, Duration.ofMinutes(1)));
        rates.put(Quota.OPERATIONS, new Rate(1000, Duration.ofMinutes(1)));
        rates.put(Quota.POLLS, new Rate(5, Duration.ofSeconds(10)));
        rates.put(Quota.D2C, new Rate(sendsPerSecond, Duration.ofSeconds(1)));
        rates.put(Quota.C2D_RECEIVES, new Rate(c2dReceivesPerSecond, Duration.ofSeconds(1)));
        return new QuotaProfile(name, rates);
    }

    @Override
    public String toString() {
        return name + (rates.isEmpty() ? "" : " " + rates.entrySet().stream()
                .map(entry -> entry.getKey().wireName() + "=" + entry.getValue()).collect(Collectors.joining(",", "(", ")")));
    }
}
