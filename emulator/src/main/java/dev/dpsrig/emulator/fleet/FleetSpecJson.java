package dev.dpsrig.emulator.fleet;

import dev.dpsrig.certs.KeyType;
import dev.dpsrig.protocol.Jsonp;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A {@link FleetSpec}'s JSON form: read from a file or a string, every key optional (its default then), unknown keys
 * refused, numbers and durations also accepted as strings; and written back with every field, durations in ms.
 */
final class FleetSpecJson {
    static final Set<String> KEYS = Set.of("devices", "idPattern", "attestation", "keyType", "enroll", "ramp", "concurrency",
            "telemetryInterval", "telemetryCount", "telemetryDuration", "payload", "seed", "connection", "shard", "deadline",
            "pollInterval", "enrollmentGroup", "transport");

    private FleetSpecJson() {
    }

    static FleetSpec read(Path file) {
        try (Reader text = Files.newBufferedReader(file); JsonReader reader = Jsonp.createReader(text)) {
            return parse(reader.readObject());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read (" + e.getMessage() + ")", e);
        } catch (JsonException | IllegalStateException e) {
            throw new IllegalArgumentException(file + ": not a JSON object (" + e.getMessage() + ")", e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    static FleetSpec parse(String json) {
        try (JsonReader reader = Jsonp.createReader(new StringReader(json))) {
            return parse(reader.readObject());
        } catch (JsonException | IllegalStateException e) {
            throw new IllegalArgumentException("fleet spec is not a JSON object (" + e.getMessage() + ")", e);
        }
    }

    static FleetSpec parse(JsonObject json) {
        Set<String> unknown = json.keySet().stream().filter(key -> !KEYS.contains(key)).collect(Collectors.toSet());
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown fleet spec key(s) " + unknown.stream().sorted().toList() + "; known: "
                    + KEYS.stream().sorted().toList());
        }
        return new FleetSpec(
                (int) number(json, "devices", 100),
                text(json, "idPattern", "fleet-%06d"),
                mix(json.get("attestation")),
                KeyType.fromCliName(text(json, "keyType", KeyType.EC_P256.cliName())),
                bool(json, "enroll", false),
                number(json, "ramp", 0),
                (int) number(json, "concurrency", 500),
                duration(json, "telemetryInterval").orElse(Duration.ofSeconds(1)),
                (int) number(json, "telemetryCount", 0),
                duration(json, "telemetryDuration"),
                text(json, "payload", PayloadTemplate.DEFAULT),
                (long) number(json, "seed", 1),
                FleetSpec.connection(text(json, "connection", "per-device")),
                json.containsKey("shard") ? Shard.parse(text(json, "shard", "0/1")) : Shard.WHOLE,
                duration(json, "deadline").orElse(Duration.ofMinutes(5)),
                duration(json, "pollInterval"),
                text(json, "enrollmentGroup", "fleet"),
                json.containsKey("transport") ? WeightedMix.fromJson(json.get("transport"), "transport", FleetTransport::fromCliName)
                        : Map.of(FleetTransport.HTTPS, 1));
    }

    static JsonObject toJson(FleetSpec spec) {
        JsonObjectBuilder json = Jsonp.createObjectBuilder()
                .add("devices", spec.devices()).add("idPattern", spec.idPattern()).add("attestation", FleetSpec.mixText(spec.mix()))
                .add("keyType", spec.keyType().cliName()).add("enroll", spec.enroll()).add("ramp", spec.ramp())
                .add("concurrency", spec.concurrency())
                .add("telemetryInterval", spec.telemetryInterval().toMillis() + "ms").add("telemetryCount", spec.telemetryCount());
        spec.telemetryDuration().ifPresent(d -> json.add("telemetryDuration", d.toMillis() + "ms"));
        json.add("payload", spec.payload()).add("seed", spec.seed()).add("connection", FleetSpec.connectionName(spec.connection()))
                .add("shard", spec.shard().toString()).add("deadline", spec.deadline().toMillis() + "ms");
        spec.pollInterval().ifPresent(d -> json.add("pollInterval", d.toMillis() + "ms"));
        return json.add("enrollmentGroup", spec.enrollmentGroup()).add("transport", FleetSpec.transportText(spec.transports())).build();
    }

    private static Map<FleetAttestation, Integer> mix(JsonValue value) {
        return value == null ? Map.of(FleetAttestation.GROUP_SYMMETRIC_KEY, 1)
                : WeightedMix.fromJson(value, "attestation", FleetAttestation::fromCliName);
    }

    private static double number(JsonObject json, String key, double fallback) {
        JsonValue value = json.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof JsonNumber number) {
            return number.doubleValue();
        }
        if (value instanceof JsonString text) {
            try {
                return Double.parseDouble(text.getString().strip());
            } catch (NumberFormatException e) {
                // below
            }
        }
        throw new IllegalArgumentException(key + " is not a number: " + value);
    }

    private static String text(JsonObject json, String key, String fallback) {
        JsonValue value = json.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof JsonString text) {
            return text.getString();
        }
        throw new IllegalArgumentException(key + " is not a string: " + value);
    }

    private static boolean bool(JsonObject json, String key, boolean fallback) {
        JsonValue value = json.get(key);
        if (value == null) {
            return fallback;
        }
        if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
            return value == JsonValue.TRUE;
        }
        throw new IllegalArgumentException(key + " is not true or false: " + value);
    }

    private static Optional<Duration> duration(JsonObject json, String key) {
        JsonValue value = json.get(key);
        if (value == null || value == JsonValue.NULL) {
            return Optional.empty();
        }
        try {
            if (value instanceof JsonNumber number) {
                return Optional.of(Duration.ofMillis(Math.round(number.doubleValue() * 1000)));
            }
            if (value instanceof JsonString text) {
                return Optional.of(FleetSpec.parseDuration(text.getString()));
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage());
        }
        throw new IllegalArgumentException(key + " is not a duration: " + value);
    }
}
