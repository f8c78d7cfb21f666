package dev.dpsrig.emulator.fleet;

import dev.dpsrig.certs.KeyType;
import dev.dpsrig.emulator.device.DeviceTransport.ConnectionModel;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a fleet run does, from a JSON spec file, command-line flags, or both (flags win). Every field has a
 * default; the JSON keys are the flags' names in camel case:
 *
 * <pre>{@code
 * {"devices": 2000, "idPattern": "fleet-%06d", "attestation": "group-symmetric-key:1,x509-group:1",
 *  "keyType": "ec", "enroll": true, "ramp": 200, "concurrency": 500,
 *  "telemetryInterval": "5s", "telemetryCount": 3, "payload": "{\"t\":${random:20:30}}",
 *  "seed": 42, "connection": "per-device", "shard": "0/4", "deadline": "5m", "pollInterval": "1s",
 *  "transport": "mqtt:70,https:30"}
 * }</pre>
 *
 * @param mix               attestation by weight; device {@code i} takes the kind at {@code i % sum(weights)}, in order
 * @param transports        transport by weight ({@code https}, {@code mqtt}, {@code mqtt-ws}); device {@code i} draws its
 *                          own from the weights with a random stream of (seed, i), so shards agree, a run repeats exactly
 *                          and the transport does not follow the attestation
 * @param ramp              devices started per second across the whole fleet; 0 starts them as fast as concurrency allows
 * @param concurrency       devices in flight (registering or sending) at once, per shard
 * @param telemetryCount    messages per device; when 0, {@code telemetryDuration / telemetryInterval}
 * @param telemetryDuration how long each device sends after it is assigned, when no count is given
 * @param pollInterval      poll the operation this often instead of honouring {@code Retry-After}
 */
public record FleetSpec(int devices, String idPattern, Map<FleetAttestation, Integer> mix, KeyType keyType, boolean enroll,
                        double ramp, int concurrency, Duration telemetryInterval, int telemetryCount,
                        Optional<Duration> telemetryDuration, String payload, long seed, ConnectionModel connection, Shard shard,
                        Duration deadline, Optional<Duration> pollInterval, String enrollmentGroup,
                        Map<FleetTransport, Integer> transports) {

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");

    public FleetSpec {
        mix = Collections.unmodifiableMap(new LinkedHashMap<>(mix));
        transports = Collections.unmodifiableMap(new LinkedHashMap<>(transports));
        if (devices < 1) {
            throw new IllegalArgumentException("devices must be at least 1");
        }
        if (!WeightedMix.valid(mix)) {
            throw new IllegalArgumentException("attestation mix needs at least one kind with a positive weight");
        }
        if (!WeightedMix.valid(transports)) {
            throw new IllegalArgumentException("transport mix needs at least one transport with a positive weight");
        }
        if (ramp < 0 || concurrency < 1 || telemetryCount < 0) {
            throw new IllegalArgumentException("ramp and telemetryCount must not be negative, concurrency at least 1");
        }
        if (telemetryInterval.isNegative() || deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("telemetryInterval must not be negative and deadline must be positive");
        }
        String sample = idFor(idPattern, 0);
        if (sample.equals(idFor(idPattern, 1)) || !sample.matches("[a-z0-9.\\-_:]{1,128}")) {
            throw new IllegalArgumentException("id pattern '" + idPattern + "' must give distinct registration ids of lower-case"
                    + " letters, digits and - . _ : (e.g. fleet-%06d)");
        }
        if (!enrollmentGroup.matches("[a-z0-9\\-]{1,64}")) {
            throw new IllegalArgumentException("enrollmentGroup '" + enrollmentGroup + "' must be lower-case letters, digits and -");
        }
        PayloadTemplate.parse(payload);
    }

    public static FleetSpec defaults() {
        return parse(JsonValue.EMPTY_JSON_OBJECT);
    }

    private static String idFor(String pattern, long index) {
        try {
            return String.format(Locale.ROOT, pattern, index);
        } catch (java.util.IllegalFormatException e) {
            throw new IllegalArgumentException("id pattern '" + pattern + "' is not a format with one integer, e.g. fleet-%06d");
        }
    }

    /** Registration id of fleet device {@code index}. */
    public String registrationId(long index) {
        return idFor(idPattern, index);
    }

    /** The attestation kind of fleet device {@code index}: fixed by the index, so every shard agrees. */
    public FleetAttestation attestationOf(long index) {
        int total = mix.values().stream().mapToInt(w -> w).sum();
        long slot = index % total;
        for (Map.Entry<FleetAttestation, Integer> kind : mix.entrySet()) {
            if (slot < kind.getValue()) {
                return kind.getKey();
            }
            slot -= kind.getValue();
        }
        throw new IllegalStateException("unreachable");
    }

    /** The transport of fleet device {@code index}: drawn from the weights by (seed, index) only, so every shard agrees. */
    public FleetTransport transportOf(long index) {
        int total = transports.values().stream().mapToInt(w -> w).sum();
        long slot = Math.floorMod(FleetRunner.deviceSeed(seed, index, 3), total);
        for (Map.Entry<FleetTransport, Integer> kind : transports.entrySet()) {
            if (slot < kind.getValue()) {
                return kind.getKey();
            }
            slot -= kind.getValue();
        }
        throw new IllegalStateException("unreachable");
    }

    /** The transports the mix gives devices, in its order. */
    public List<FleetTransport> transportsInUse() {
        return transports.entrySet().stream().filter(e -> e.getValue() > 0).map(Map.Entry::getKey).toList();
    }

    /** Messages each device sends. */
    public int messagesPerDevice() {
        if (telemetryCount > 0 || telemetryDuration.isEmpty()) {
            return telemetryCount;
        }
        if (telemetryInterval.isZero()) {
            throw new IllegalArgumentException("telemetryDuration needs a positive telemetryInterval");
        }
        return (int) Math.max(1, telemetryDuration.get().toMillis() / telemetryInterval.toMillis());
    }

    public FleetSpec withShard(Shard newShard) {
        return new FleetSpec(devices, idPattern, mix, keyType, enroll, ramp, concurrency, telemetryInterval, telemetryCount,
                telemetryDuration, payload, seed, connection, newShard, deadline, pollInterval, enrollmentGroup, transports);
    }

    public FleetSpec withSeed(long newSeed) {
        return new FleetSpec(devices, idPattern, mix, keyType, enroll, ramp, concurrency, telemetryInterval, telemetryCount,
                telemetryDuration, payload, newSeed, connection, shard, deadline, pollInterval, enrollmentGroup, transports);
    }

    // ---- JSON ----------------------------------------------------------------------------------

    /** The spec in a JSON file; the message of the exception names the file. */
    public static FleetSpec read(Path file) {
        return FleetSpecJson.read(file);
    }

    public static FleetSpec parse(String json) {
        return FleetSpecJson.parse(json);
    }

    /** The spec from its JSON form: missing keys take their defaults, unknown keys are refused. */
    public static FleetSpec parse(JsonObject json) {
        return FleetSpecJson.parse(json);
    }

    public JsonObject toJson() {
        return FleetSpecJson.toJson(this);
    }

    public static String mixText(Map<FleetAttestation, Integer> mix) {
        return WeightedMix.text(mix, FleetAttestation::cliName);
    }

    /** {@code group-symmetric-key}, or weights: {@code group-symmetric-key:3,x509-group:1}. */
    public static Map<FleetAttestation, Integer> parseMix(String text) {
        return WeightedMix.parse(text, "attestation", FleetAttestation::fromCliName);
    }

    public static String transportText(Map<FleetTransport, Integer> transports) {
        return WeightedMix.text(transports, FleetTransport::cliName);
    }

    /** {@code mqtt}, or weights: {@code mqtt:70,https:30} (or {@code mqtt=70,https=30}). */
    public static Map<FleetTransport, Integer> parseTransports(String text) {
        return WeightedMix.parse(text, "transport", FleetTransport::fromCliName);
    }

    public static ConnectionModel connection(String name) {
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "per-device", "connection-per-request", "per-request" -> ConnectionModel.CONNECTION_PER_REQUEST;
            case "shared-pool", "shared", "pool" -> ConnectionModel.SHARED_POOL;
            default -> throw new IllegalArgumentException("connection '" + name + "' is per-device or shared-pool");
        };
    }

    public static String connectionName(ConnectionModel model) {
        return model == ConnectionModel.SHARED_POOL ? "shared-pool" : "per-device";
    }

    /** {@code 250ms}, {@code 2s}, {@code 1.5m}, {@code 1h}; a bare number is seconds. */
    public static Duration parseDuration(String text) {
        Matcher m = DURATION.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration such as 250ms, 5s, 2m or 1h");
        }
        double value = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double millis = switch (unit) {
            case "ms" -> value;
            case "s" -> value * 1000;
            case "m" -> value * 60_000;
            default -> value * 3_600_000;
        };
        return Duration.ofMillis(Math.round(millis));
    }
}
