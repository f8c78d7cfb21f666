package dev.dpsrig.emulator.fleet;

import dev.dpsrig.protocol.Jsonp;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonGenerator;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.DataFormatException;
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
 */
public record FleetReport(Optional<JsonObject> spec, List<String> shards, long devices, Map<String, Long> byStatus,
                          Map<String, Long> errors, long sent, long acknowledged, long failed, double seconds,
                          Histogram register, Histogram timeToAssigned, Histogram telemetry, List<Bucket> timeline, Memory memory,
                          Map<String, TransportShare> transports) {

    public static final String JSON_FILE = "report.json";
    public static final String HTML_FILE = "report.html";
    public static final List<String> PHASES = List.of("waiting", "registering", "sending", "done", "failed");

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
     * @param phases how many devices were waiting, registering, sending, done or failed
     */
    public record Bucket(int second, Map<String, Long> phases, long registrations, long messages, long errors) {
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
        JsonObjectBuilder json = Jsonp.createObjectBuilder().add("format", "dpsrig-fleet-report/1");
        spec.ifPresent(s -> json.add("spec", s));
        JsonArrayBuilder shardArray = Jsonp.createArrayBuilder();
        shards.forEach(shardArray::add);
        json.add("shards", shardArray).add("devices", devices).add("byStatus", counts(byStatus)).add("errors", counts(errors))
                .add("telemetry", Jsonp.createObjectBuilder().add("sent", sent).add("acknowledged", acknowledged).add("failed", failed))
                .add("seconds", round(seconds))
                .add("rates", Jsonp.createObjectBuilder().add("registrationsPerSecond", round(registrationsPerSecond()))
                        .add("messagesPerSecond", round(messagesPerSecond())))
                .add("latency", Jsonp.createObjectBuilder().add("register", histogramJson(register))
                        .add("timeToAssigned", histogramJson(timeToAssigned)).add("telemetry", histogramJson(telemetry)));
        JsonArrayBuilder buckets = Jsonp.createArrayBuilder();
        for (Bucket bucket : timeline) {
            JsonObjectBuilder phases = Jsonp.createObjectBuilder();
            bucket.phases().forEach(phases::add);
            buckets.add(Jsonp.createObjectBuilder().add("second", bucket.second()).add("phases", phases)
                    .add("registrations", bucket.registrations()).add("messages", bucket.messages()).add("errors", bucket.errors()));
        }
        json.add("timeline", buckets);
        json.add("memory", Jsonp.createObjectBuilder().add("heapBeforeBytes", memory.heapBeforeBytes())
                .add("heapPeakBytes", memory.heapPeakBytes()).add("devicesInFlightPeak", memory.devicesInFlightPeak())
                .add("bytesPerDeviceInFlight", memory.bytesPerDeviceInFlight())
                .add("platformThreadsPeak", memory.platformThreadsPeak())
                .add("virtualThreadsStarted", memory.virtualThreadsStarted()));
        JsonObjectBuilder byTransport = Jsonp.createObjectBuilder();
        transports.forEach((name, share) -> byTransport.add(name, share.toJson()));
        json.add("byTransport", byTransport);
        return json.build();
    }

    public static FleetReport fromJson(JsonObject json) {
        try {
            JsonObject telemetryJson = json.getJsonObject("telemetry");
            JsonObject latency = json.getJsonObject("latency");
            List<Bucket> timeline = new ArrayList<>();
            for (JsonValue value : json.getJsonArray("timeline")) {
                JsonObject b = value.asJsonObject();
                Map<String, Long> phases = new LinkedHashMap<>();
                b.getJsonObject("phases").forEach((k, v) -> phases.put(k, ((jakarta.json.JsonNumber) v).longValue()));
                timeline.add(new Bucket(b.getInt("second"), phases, b.getJsonNumber("registrations").longValue(),
                        b.getJsonNumber("messages").longValue(), b.getJsonNumber("errors").longValue()));
            }
            JsonObject m = json.getJsonObject("memory");
            Map<String, TransportShare> transports = new LinkedHashMap<>();
            if (json.containsKey("byTransport")) {
                json.getJsonObject("byTransport").forEach((name, share) -> transports.put(name, TransportShare.fromJson(share.asJsonObject())));
            }
            return new FleetReport(Optional.ofNullable(json.getJsonObject("spec")),
                    json.getJsonArray("shards").getValuesAs(jakarta.json.JsonString::getString),
                    json.getJsonNumber("devices").longValue(), readCounts(json.getJsonObject("byStatus")),
                    readCounts(json.getJsonObject("errors")), telemetryJson.getJsonNumber("sent").longValue(),
                    telemetryJson.getJsonNumber("acknowledged").longValue(), telemetryJson.getJsonNumber("failed").longValue(),
                    json.getJsonNumber("seconds").doubleValue(), readHistogram(latency.getJsonObject("register")),
                    readHistogram(latency.getJsonObject("timeToAssigned")), readHistogram(latency.getJsonObject("telemetry")),
                    timeline, new Memory(m.getJsonNumber("heapBeforeBytes").longValue(), m.getJsonNumber("heapPeakBytes").longValue(),
                    m.getJsonNumber("devicesInFlightPeak").longValue(), m.getJsonNumber("bytesPerDeviceInFlight").longValue(),
                    m.getJsonNumber("platformThreadsPeak").longValue(), m.getJsonNumber("virtualThreadsStarted").longValue()),
                    transports);
        } catch (NullPointerException | ClassCastException e) {
            throw new IllegalArgumentException("not a dpsrig fleet report: a field is missing or of the wrong type (" + e + ")", e);
        }
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

    private static JsonObjectBuilder counts(Map<String, Long> counts) {
        JsonObjectBuilder json = Jsonp.createObjectBuilder();
        counts.forEach(json::add);
        return json;
    }

    private static Map<String, Long> readCounts(JsonObject json) {
        Map<String, Long> counts = new TreeMap<>();
        json.forEach((k, v) -> counts.put(k, ((jakarta.json.JsonNumber) v).longValue()));
        return counts;
    }

    /** Percentiles in milliseconds, for people; {@code hdr} for merging. */
    static JsonObjectBuilder histogramJson(Histogram histogram) {
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        return Jsonp.createObjectBuilder().add("unit", "ms").add("count", histogram.getTotalCount())
                .add("p50", millis(histogram, 50)).add("p90", millis(histogram, 90)).add("p99", millis(histogram, 99))
                .add("max", histogram.getTotalCount() == 0 ? 0 : histogram.getMaxValue() / 1000.0)
                .add("mean", histogram.getTotalCount() == 0 ? 0 : round(histogram.getMean() / 1000.0))
                .add("hdr", Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length)));
    }

    static Histogram readHistogram(JsonObject json) {
        try {
            byte[] bytes = Base64.getDecoder().decode(json.getString("hdr"));
            Histogram decoded = Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes), 0);
            decoded.setAutoResize(true);
            return decoded;
        } catch (DataFormatException | IllegalArgumentException e) {
            throw new IllegalArgumentException("a latency histogram cannot be decoded: " + e.getMessage(), e);
        }
    }

    public static double millis(Histogram histogram, double percentile) {
        return histogram.getTotalCount() == 0 ? 0 : histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
