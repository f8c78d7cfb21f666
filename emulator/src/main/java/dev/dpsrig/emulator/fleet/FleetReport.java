package dev.dpsrig.emulator.fleet;

import dev.dpsrig.protocol.Jsonp;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonGenerator;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * What a fleet run (or several shards of one, merged) did. Latencies are HdrHistograms of microseconds,
 * stored in {@code report.json} losslessly (base64 of the compressed histogram) next to their percentiles,
 * so {@link #merge} of shard reports gives exactly the report one machine would have written.
 *
 * @param shards    the shards this report covers, e.g. {@code ["0/4", "1/4"]}
 * @param byStatus  registration outcome of each device: {@code assigned}, {@code failed}, {@code disabled},
 *                  {@code refused}, {@code deadline-exceeded}, {@code error}, {@code not-started}
 * @param errors    counts by error code: a DPS {@code errorCode}, {@code hub:<iothub-errorcode>}, {@code http:<status>}
 *                  or {@code connection}
 * @param seconds   wall time of the run (of the longest shard when merged)
 * @param timeline  one bucket per second since the run started
 * @param transports each transport's share of the run, by its name ({@code https}, {@code mqtt}, {@code mqtt-ws}), in the
 *                   spec's order; empty in reports written before runs were split by transport
 * @param startedAt  when the run (its earliest shard) started; empty in reports written before it was kept
 * @param requests   each endpoint's results and retries, error samples and poll latency
 */
public record FleetReport(Optional<JsonObject> spec, List<String> shards, long devices, Map<String, Long> byStatus,
                          Map<String, Long> errors, long sent, long acknowledged, long failed, double seconds,
                          Histogram register, Histogram timeToAssigned, Histogram telemetry, List<Bucket> timeline, Memory memory,
                          Map<String, TransportShare> transports, Optional<Instant> startedAt, Requests requests) {

    public static final String JSON_FILE = "report.json";
    public static final String HTML_FILE = "report.html";
    public static final List<String> PHASES = List.of("waiting", "registering", "sending", "done", "failed");
    /** The spec key of the threshold expressions. */
    public static final String THRESHOLDS = "thresholds";

    public FleetReport {
        shards = List.copyOf(shards);
        byStatus = Collections.unmodifiableMap(new TreeMap<>(byStatus));
        errors = Collections.unmodifiableMap(new TreeMap<>(errors));
        timeline = List.copyOf(timeline);
        transports = Collections.unmodifiableMap(new LinkedHashMap<>(transports));
    }

    /**
     * One second of the run: devices in each phase at its end, and what completed during it.
     *
     * @param phases       how many devices were waiting, registering, sending, done or failed
     * @param registration time to assigned of the devices assigned during the second
     * @param telemetry    send latency of the messages acknowledged during the second
     */
    public record Bucket(int second, Map<String, Long> phases, long registrations, long messages, long errors,
                         PackedHistogram registration, PackedHistogram telemetry) {
        public Bucket {
            phases = Collections.unmodifiableMap(new LinkedHashMap<>(phases));
        }
    }

    /**
     * How much the run held: live heap (what remained after the latest garbage collection) and platform threads
     * at their peaks, and heap per device in flight.
     *
     * @param bytesPerDeviceInFlight (peak live heap − live heap before the run) / peak devices in flight; an upper bound,
     *                               since it also counts connections, TLS sessions and the client's own buffers
     */
    public record Memory(long heapBeforeBytes, long heapPeakBytes, long devicesInFlightPeak, long bytesPerDeviceInFlight,
                         long platformThreadsPeak, long virtualThreadsStarted) {
    }

    public long assigned() {
        return byStatus.getOrDefault("assigned", 0L);
    }

    public double registrationsPerSecond() {
        return seconds <= 0 ? 0 : assigned() / seconds;
    }

    public double messagesPerSecond() {
        return seconds <= 0 ? 0 : acknowledged / seconds;
    }

    public long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Devices not assigned and messages that failed. */
    public long failedCount() {
        return devices - assigned() + failed;
    }

    /** The thresholds the spec names ({@code thresholds}, expressions), each measured on this report. */
    public List<Threshold.Result> thresholdResults() {
        return thresholds().stream().map(threshold -> threshold.evaluate(this)).toList();
    }

    /** The thresholds the spec names. */
    public List<Threshold> thresholds() {
        return spec.filter(s -> s.containsKey(THRESHOLDS)).map(s -> s.getJsonArray(THRESHOLDS).getValuesAs(JsonString::getString))
                .orElse(List.of()).stream().map(Threshold::parse).toList();
    }

    /** This report judged by {@code expressions} too: they join the spec it keeps, so a merge judges them again. */
    public FleetReport withThresholds(List<String> expressions) {
        expressions.forEach(Threshold::parse);
        JsonArrayBuilder array = Jsonp.createArrayBuilder();
        expressions.forEach(array::add);
        JsonObject judged = Jsonp.createObjectBuilder(spec.orElse(JsonValue.EMPTY_JSON_OBJECT)).add(THRESHOLDS, array).build();
        return new FleetReport(Optional.of(judged), shards, devices, byStatus, errors, sent, acknowledged, failed, seconds, register,
                timeToAssigned, telemetry, timeline, memory, transports, startedAt, requests);
    }

    /** PASSED when every device was assigned, every message acknowledged and every threshold held; else why not. */
    public Verdict verdict() {
        List<String> reasons = new ArrayList<>();
        if (assigned() < devices) {
            reasons.add((devices - assigned()) + " of " + devices + " devices not assigned");
        }
        if (failed > 0) {
            reasons.add(failed + " of " + sent + " messages failed");
        }
        thresholdResults().stream().filter(result -> !result.passed())
                .forEach(result -> reasons.add("threshold " + result.threshold().expression() + " failed: measured " + result.measuredText()));
        return new Verdict(reasons.isEmpty(), reasons);
    }

    /**
     * Whether a run passed, k6's way: PASSED, or FAILED with each reason.
     */
    public record Verdict(boolean passed, List<String> reasons) {
        public Verdict {
            reasons = List.copyOf(reasons);
        }

        public String word() {
            return passed ? "PASSED" : "FAILED";
        }
    }

    // ---- merge ---------------------------------------------------------------------------------

    /** Shard reports into one: counts and histograms add exactly; time buckets add second by second. */
    public static FleetReport merge(List<FleetReport> reports) {
        return FleetReportMerge.merge(reports);
    }

    public static Histogram histogram() {
        return new Histogram(3);
    }

    // ---- JSON ----------------------------------------------------------------------------------

    public JsonObject toJson() {
        return FleetReportJson.toJson(this);
    }

    public static FleetReport fromJson(JsonObject json) {
        return FleetReportJson.fromJson(json);
    }

    /** {@code report.json} in {@code directory}, or the file itself. */
    public static FleetReport read(Path path) {
        Path file = Files.isDirectory(path) ? path.resolve(JSON_FILE) : path;
        try (Reader text = Files.newBufferedReader(file); JsonReader reader = Jsonp.createReader(text)) {
            return fromJson(reader.readObject());
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read (" + e.getMessage() + ")", e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@code report.json} and {@code report.html} into {@code directory}. */
    public void write(Path directory) {
        try {
            Files.createDirectories(directory);
            StringWriter text = new StringWriter();
            try (var writer = jakarta.json.Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true)).createWriter(text)) {
                writer.write(toJson());
            }
            Files.writeString(directory.resolve(JSON_FILE), text.toString().strip() + "\n", StandardCharsets.UTF_8);
            Files.writeString(directory.resolve(HTML_FILE), HtmlReport.render(this), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(directory + ": cannot write the report (" + e.getMessage() + ")", e);
        }
    }

    /** Percentiles in milliseconds, for people; {@code hdr} for merging. */
    static JsonObjectBuilder histogramJson(Histogram histogram) {
        return Jsonp.createObjectBuilder().add("unit", "ms").add("count", histogram.getTotalCount())
                .add("p50", millis(histogram, 50)).add("p90", millis(histogram, 90)).add("p99", millis(histogram, 99))
                .add("max", histogram.getTotalCount() == 0 ? 0 : histogram.getMaxValue() / 1000.0)
                .add("mean", histogram.getTotalCount() == 0 ? 0 : round(histogram.getMean() / 1000.0))
                .add("hdr", PackedHistogram.of(histogram).hdr());
    }

    static Histogram readHistogram(JsonObject json) {
        return new PackedHistogram(json.getString("hdr")).unpack();
    }

    public static double millis(Histogram histogram, double percentile) {
        return histogram.getTotalCount() == 0 ? 0 : histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
