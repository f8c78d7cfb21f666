package dev.dpsrig.emulator.fleet;

import dev.dpsrig.protocol.Jsonp;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * Shard reports merged into the report one machine would have written: counts, histograms and threads started add
 * up (each transport's share apart, each endpoint's results, each second's latency), peaks and wall time take the largest, the spec loses its shard, and the timelines
 * add second by second.
 */
final class FleetReportMerge {
    private FleetReportMerge() {
    }

    /** Shard reports into one: counts and histograms add exactly; time buckets add second by second. */
    static FleetReport merge(List<FleetReport> reports) {
        if (reports.isEmpty()) {
            throw new IllegalArgumentException("nothing to merge");
        }
        List<String> shards = new ArrayList<>();
        Map<String, Long> byStatus = new TreeMap<>();
        Map<String, Long> errors = new TreeMap<>();
        Map<String, TransportShare> transports = new LinkedHashMap<>();
        Histogram register = FleetReport.histogram();
        Histogram assigned = FleetReport.histogram();
        Histogram telemetry = FleetReport.histogram();
        long devices = 0;
        long sent = 0;
        long acknowledged = 0;
        long failed = 0;
        double seconds = 0;
        long heapBefore = 0;
        long heapPeak = 0;
        long inFlight = 0;
        long perDevice = 0;
        long threads = 0;
        long virtual = 0;
        Instant startedAt = null;
        Requests requests = Requests.none();
        for (FleetReport report : reports) {
            for (String shard : report.shards()) {
                if (shards.contains(shard)) {
                    throw new IllegalArgumentException("shard " + shard + " is in more than one report");
                }
                shards.add(shard);
            }
            devices += report.devices();
            report.byStatus().forEach((k, v) -> byStatus.merge(k, v, Long::sum));
            report.errors().forEach((k, v) -> errors.merge(k, v, Long::sum));
            sent += report.sent();
            acknowledged += report.acknowledged();
            failed += report.failed();
            seconds = Math.max(seconds, report.seconds());
            register.add(report.register());
            assigned.add(report.timeToAssigned());
            telemetry.add(report.telemetry());
            report.transports().forEach((name, share) -> transports.merge(name, share, TransportShare::plus));
            FleetReport.Memory m = report.memory();
            heapBefore = Math.max(heapBefore, m.heapBeforeBytes());
            heapPeak = Math.max(heapPeak, m.heapPeakBytes());
            inFlight = Math.max(inFlight, m.devicesInFlightPeak());
            perDevice = Math.max(perDevice, m.bytesPerDeviceInFlight());
            threads = Math.max(threads, m.platformThreadsPeak());
            virtual += m.virtualThreadsStarted();
            requests = requests.plus(report.requests());
            Instant started = report.startedAt().orElse(null);
            startedAt = startedAt == null || started != null && started.isBefore(startedAt) ? started : startedAt;
        }
        Optional<JsonObject> spec = reports.getFirst().spec().map(s -> {
            JsonObjectBuilder whole = Jsonp.createObjectBuilder(s);
            whole.remove("shard");
            return whole.build();
        });
        List<FleetReport.Bucket> timeline = fillForward(reports);
        return new FleetReport(spec, shards, devices, byStatus, errors, sent, acknowledged, failed, seconds, register, assigned,
                telemetry, timeline, new FleetReport.Memory(heapBefore, heapPeak, inFlight, perDevice, threads, virtual), transports,
                Optional.ofNullable(startedAt), requests);
    }

    /** Sums second by second; a shard that ended early keeps its last phase counts (its devices stay done). */
    private static List<FleetReport.Bucket> fillForward(List<FleetReport> reports) {
        int last = reports.stream().mapToInt(r -> r.timeline().size()).max().orElse(0);
        Map<Integer, FleetReport.Bucket> filled = new TreeMap<>();
        for (FleetReport report : reports) {
            List<FleetReport.Bucket> own = report.timeline();
            for (int second = 0; second < last && !own.isEmpty(); second++) {
                FleetReport.Bucket bucket = second < own.size() ? own.get(second) : new FleetReport.Bucket(second, own.getLast().phases(), 0, 0, 0,
                        PackedHistogram.EMPTY, PackedHistogram.EMPTY);
                filled.merge(second, new FleetReport.Bucket(second, bucket.phases(), bucket.registrations(), bucket.messages(), bucket.errors(),
                        bucket.registration(), bucket.telemetry()), FleetReportMerge::add);
            }
        }
        return List.copyOf(filled.values());
    }

    private static FleetReport.Bucket add(FleetReport.Bucket a, FleetReport.Bucket b) {
        Map<String, Long> phases = new LinkedHashMap<>(a.phases());
        b.phases().forEach((k, v) -> phases.merge(k, v, Long::sum));
        return new FleetReport.Bucket(a.second(), phases, a.registrations() + b.registrations(), a.messages() + b.messages(),
                a.errors() + b.errors(), a.registration().plus(b.registration()), a.telemetry().plus(b.telemetry()));
    }
}
