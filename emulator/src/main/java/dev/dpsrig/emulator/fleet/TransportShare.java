package dev.dpsrig.emulator.fleet;

import dev.dpsrig.protocol.Jsonp;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * The part of a fleet run carried by one transport ({@code https}, {@code mqtt}, {@code mqtt-ws}): its devices, how many
 * were assigned, its messages sent, acknowledged and failed, its errors by code and its latency histograms (microseconds).
 *
 * @param errors counts by error code, as {@link FleetReport#errors()} words them
 */
public record TransportShare(long devices, long assigned, long sent, long acknowledged, long failed, Map<String, Long> errors,
                             Histogram register, Histogram timeToAssigned, Histogram telemetry) {

    public TransportShare {
        errors = Collections.unmodifiableMap(new TreeMap<>(errors));
    }

    /** A share with nothing in it, to add shards' shares to. */
    static TransportShare empty() {
        return new TransportShare(0, 0, 0, 0, 0, Map.of(), FleetReport.histogram(), FleetReport.histogram(), FleetReport.histogram());
    }

    public long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    /** This share and {@code other} together: counts and histograms add exactly. */
    TransportShare plus(TransportShare other) {
        Map<String, Long> sum = new TreeMap<>(errors);
        other.errors.forEach((code, count) -> sum.merge(code, count, Long::sum));
        return new TransportShare(devices + other.devices, assigned + other.assigned, sent + other.sent,
                acknowledged + other.acknowledged, failed + other.failed, sum, added(register, other.register),
                added(timeToAssigned, other.timeToAssigned), added(telemetry, other.telemetry));
    }

    JsonObject toJson() {
        JsonObjectBuilder errorJson = Jsonp.createObjectBuilder();
        errors.forEach(errorJson::add);
        return Jsonp.createObjectBuilder().add("devices", devices).add("assigned", assigned)
                .add("telemetry", Jsonp.createObjectBuilder().add("sent", sent).add("acknowledged", acknowledged).add("failed", failed))
                .add("errors", errorJson)
                .add("latency", Jsonp.createObjectBuilder().add("register", FleetReport.histogramJson(register))
                        .add("timeToAssigned", FleetReport.histogramJson(timeToAssigned))
                        .add("telemetry", FleetReport.histogramJson(telemetry)))
                .build();
    }

    static TransportShare fromJson(JsonObject json) {
        JsonObject telemetryJson = json.getJsonObject("telemetry");
        JsonObject latency = json.getJsonObject("latency");
        Map<String, Long> errors = new TreeMap<>();
        json.getJsonObject("errors").forEach((code, count) -> errors.put(code, ((JsonNumber) count).longValue()));
        return new TransportShare(json.getJsonNumber("devices").longValue(), json.getJsonNumber("assigned").longValue(),
                telemetryJson.getJsonNumber("sent").longValue(), telemetryJson.getJsonNumber("acknowledged").longValue(),
                telemetryJson.getJsonNumber("failed").longValue(), errors, FleetReport.readHistogram(latency.getJsonObject("register")),
                FleetReport.readHistogram(latency.getJsonObject("timeToAssigned")),
                FleetReport.readHistogram(latency.getJsonObject("telemetry")));
    }

    private static Histogram added(Histogram a, Histogram b) {
        Histogram sum = FleetReport.histogram();
        sum.add(a);
        sum.add(b);
        return sum;
    }
}
