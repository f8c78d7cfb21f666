package dev.dpsrig.emulator.fleet;

import dev.dpsrig.protocol.Jsonp;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * A {@link FleetReport}'s {@code report.json}: every count and histogram (base64, lossless) to read back and merge, and
 * what is derived from them for people and scripts (rates, percentiles, the request table, thresholds, the verdict).
 * Fields added since the first reports are optional when read.
 */
final class FleetReportJson {
    private FleetReportJson() {
    }

    static JsonObject toJson(FleetReport report) {
        JsonObjectBuilder json = Jsonp.createObjectBuilder().add("format", "dpsrig-fleet-report/1");
        report.startedAt().ifPresent(at -> json.add("startedAt", at.toString()));
        FleetReport.Verdict verdict = report.verdict();
        JsonArrayBuilder reasons = Jsonp.createArrayBuilder();
        verdict.reasons().forEach(reasons::add);
        json.add("verdict", Jsonp.createObjectBuilder().add("result", verdict.word()).add("reasons", reasons));
        JsonArrayBuilder thresholds = Jsonp.createArrayBuilder();
        for (Threshold.Result result : report.thresholdResults()) {
            JsonObjectBuilder one = Jsonp.createObjectBuilder().add("expression", result.threshold().expression())
                    .add("passed", result.passed()).add("unit", result.threshold().isLatency() ? "ms" : "");
            result.measured().ifPresentOrElse(value -> one.add("measured", value), () -> one.add("measured", JsonValue.NULL));
            thresholds.add(one);
        }
        json.add("thresholds", thresholds);
        report.spec().ifPresent(s -> json.add("spec", s));
        JsonArrayBuilder shardArray = Jsonp.createArrayBuilder();
        report.shards().forEach(shardArray::add);
        json.add("shards", shardArray).add("devices", report.devices()).add("byStatus", counts(report.byStatus()))
                .add("errors", counts(report.errors()))
                .add("telemetry", Jsonp.createObjectBuilder().add("sent", report.sent()).add("acknowledged", report.acknowledged())
                        .add("failed", report.failed()))
                .add("seconds", FleetReport.round(report.seconds()))
                .add("rates", Jsonp.createObjectBuilder().add("registrationsPerSecond", FleetReport.round(report.registrationsPerSecond()))
                        .add("messagesPerSecond", FleetReport.round(report.messagesPerSecond())))
                .add("latency", Jsonp.createObjectBuilder().add("register", FleetReport.histogramJson(report.register()))
                        .add("timeToAssigned", FleetReport.histogramJson(report.timeToAssigned()))
                        .add("telemetry", FleetReport.histogramJson(report.telemetry())))
                .add("requests", report.requests().toJson())
                .add("requestTable", requestTable(report));
        JsonArrayBuilder buckets = Jsonp.createArrayBuilder();
        for (FleetReport.Bucket bucket : report.timeline()) {
            JsonObjectBuilder phases = Jsonp.createObjectBuilder();
            bucket.phases().forEach(phases::add);
            buckets.add(Jsonp.createObjectBuilder().add("second", bucket.second()).add("phases", phases)
                    .add("registrations", bucket.registrations()).add("messages", bucket.messages()).add("errors", bucket.errors())
                    .add("latency", Jsonp.createObjectBuilder().add("registration", secondJson(bucket.registration()))
                            .add("telemetry", secondJson(bucket.telemetry()))));
        }
        json.add("timeline", buckets);
        FleetReport.Memory memory = report.memory();
        json.add("memory", Jsonp.createObjectBuilder().add("heapBeforeBytes", memory.heapBeforeBytes())
                .add("heapPeakBytes", memory.heapPeakBytes()).add("devicesInFlightPeak", memory.devicesInFlightPeak())
                .add("bytesPerDeviceInFlight", memory.bytesPerDeviceInFlight())
                .add("platformThreadsPeak", memory.platformThreadsPeak())
                .add("virtualThreadsStarted", memory.virtualThreadsStarted()));
        JsonObjectBuilder byTransport = Jsonp.createObjectBuilder();
        report.transports().forEach((name, share) -> byTransport.add(name, share.toJson()));
        json.add("byTransport", byTransport);
        return json.build();
    }

    static FleetReport fromJson(JsonObject json) {
        try {
            JsonObject telemetryJson = json.getJsonObject("telemetry");
            JsonObject latency = json.getJsonObject("latency");
            List<FleetReport.Bucket> timeline = new ArrayList<>();
            for (JsonValue value : json.getJsonArray("timeline")) {
                JsonObject b = value.asJsonObject();
                Map<String, Long> phases = new LinkedHashMap<>();
                b.getJsonObject("phases").forEach((k, v) -> phases.put(k, ((JsonNumber) v).longValue()));
                Optional<JsonObject> second = Optional.ofNullable(b.getJsonObject("latency"));
                timeline.add(new FleetReport.Bucket(b.getInt("second"), phases, b.getJsonNumber("registrations").longValue(),
                        b.getJsonNumber("messages").longValue(), b.getJsonNumber("errors").longValue(),
                        second.map(s -> packed(s, "registration")).orElse(PackedHistogram.EMPTY),
                        second.map(s -> packed(s, "telemetry")).orElse(PackedHistogram.EMPTY)));
            }
            JsonObject m = json.getJsonObject("memory");
            Map<String, TransportShare> transports = new LinkedHashMap<>();
            if (json.containsKey("byTransport")) {
                json.getJsonObject("byTransport").forEach((name, share) -> transports.put(name, TransportShare.fromJson(share.asJsonObject())));
            }
            return new FleetReport(Optional.ofNullable(json.getJsonObject("spec")),
                    json.getJsonArray("shards").getValuesAs(JsonString::getString),
                    json.getJsonNumber("devices").longValue(), readCounts(json.getJsonObject("byStatus")),
                    readCounts(json.getJsonObject("errors")), telemetryJson.getJsonNumber("sent").longValue(),
                    telemetryJson.getJsonNumber("acknowledged").longValue(), telemetryJson.getJsonNumber("failed").longValue(),
                    json.getJsonNumber("seconds").doubleValue(), FleetReport.readHistogram(latency.getJsonObject("register")),
                    FleetReport.readHistogram(latency.getJsonObject("timeToAssigned")),
                    FleetReport.readHistogram(latency.getJsonObject("telemetry")),
                    timeline, new FleetReport.Memory(m.getJsonNumber("heapBeforeBytes").longValue(), m.getJsonNumber("heapPeakBytes").longValue(),
                    m.getJsonNumber("devicesInFlightPeak").longValue(), m.getJsonNumber("bytesPerDeviceInFlight").longValue(),
                    m.getJsonNumber("platformThreadsPeak").longValue(), m.getJsonNumber("virtualThreadsStarted").longValue()),
                    transports, Optional.ofNullable(json.getString("startedAt", null)).map(Instant::parse),
                    json.containsKey("requests") ? Requests.fromJson(json.getJsonObject("requests")) : Requests.none());
        } catch (NullPointerException | ClassCastException | DateTimeParseException e) {
            throw new IllegalArgumentException("not a dpsrig fleet report: a field is missing or of the wrong type (" + e + ")", e);
        }
    }

    private static JsonArrayBuilder requestTable(FleetReport report) {
        JsonArrayBuilder rows = Jsonp.createArrayBuilder();
        for (RequestTable.Row row : RequestTable.of(report)) {
            rows.add(Jsonp.createObjectBuilder().add("phase", row.phase()).add("total", row.total()).add("ok", row.ok())
                    .add("ko", row.ko()).add("koPercent", row.koPercent()).add("unit", "ms").add("min", row.min()).add("p50", row.p50())
                    .add("p75", row.p75()).add("p95", row.p95()).add("p99", row.p99()).add("max", row.max()).add("mean", row.mean())
                    .add("perSecond", row.perSecond()));
        }
        return rows;
    }

    /** A second's percentiles in milliseconds, and the histogram for merging. */
    private static JsonObjectBuilder secondJson(PackedHistogram packed) {
        Histogram histogram = packed.unpack();
        return Jsonp.createObjectBuilder().add("count", histogram.getTotalCount()).add("p50", FleetReport.millis(histogram, 50))
                .add("p95", FleetReport.millis(histogram, 95)).add("p99", FleetReport.millis(histogram, 99)).add("hdr", packed.hdr());
    }

    private static PackedHistogram packed(JsonObject second, String name) {
        return new PackedHistogram(second.getJsonObject(name).getString("hdr"));
    }

    private static JsonObjectBuilder counts(Map<String, Long> counts) {
        JsonObjectBuilder json = Jsonp.createObjectBuilder();
        counts.forEach(json::add);
        return json;
    }

    private static Map<String, Long> readCounts(JsonObject json) {
        Map<String, Long> counts = new TreeMap<>();
        json.forEach((k, v) -> counts.put(k, ((JsonNumber) v).longValue()));
        return counts;
    }
}
