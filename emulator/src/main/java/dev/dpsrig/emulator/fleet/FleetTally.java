package dev.dpsrig.emulator.fleet;

import dev.dpsrig.emulator.device.DeviceEvent;
import dev.dpsrig.emulator.device.Timeline;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What a fleet run has counted so far, updated by its devices from their own threads: how many devices are in each
 * phase, registrations, messages sent, acknowledged and failed, outcomes by status, errors by code, retries, refused
 * connections, and the latency histograms (each register request, time to assigned, each message); and the same
 * counts and histograms again for each transport's share of the devices.
 */
final class FleetTally {
    final AtomicLong waiting = new AtomicLong();
    final AtomicLong registering = new AtomicLong();
    final AtomicLong sending = new AtomicLong();
    final AtomicLong done = new AtomicLong();
    final AtomicLong failedDevices = new AtomicLong();
    final LongAdder registrations = new LongAdder();
    final LongAdder sent = new LongAdder();
    final LongAdder acknowledged = new LongAdder();
    final LongAdder failedMessages = new LongAdder();
    final LongAdder errorCount = new LongAdder();
    final LongAdder retries = new LongAdder();
    final LongAdder refused = new LongAdder();
    final Histogram register = FleetReport.histogram();
    final Histogram timeToAssigned = FleetReport.histogram();
    final Histogram telemetry = FleetReport.histogram();
    /** Time to assigned and telemetry latency of the current second, for latency over time. */
    final Recorder registrationSecond = new Recorder(2);
    final Recorder telemetrySecond = new Recorder(2);
    final RequestTally requests = new RequestTally();
    /** The code of the latest error, for the live line; empty before any. */
    final AtomicReference<String> latestError = new AtomicReference<>("");
    private final Map<String, LongAdder> byStatus = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final Map<FleetTransport, TransportTally> lanes = new EnumMap<>(FleetTransport.class);

    /** A tally whose devices use {@code transports}. */
    FleetTally(List<FleetTransport> transports) {
        transports.forEach(transport -> lanes.put(transport, new TransportTally()));
    }

    /** The counts of the devices using {@code transport}, one of those the tally was made for. */
    TransportTally lane(FleetTransport transport) {
        return lanes.get(transport);
    }

    /** Each transport's share, in the spec's order. */
    Map<String, TransportShare> shares() {
        Map<String, TransportShare> shares = new LinkedHashMap<>();
        lanes.forEach((transport, lane) -> shares.put(transport.cliName(), lane.share()));
        return shares;
    }

    /** A device of {@code lane} was assigned {@code micros} after it started registering. */
    void assigned(TransportTally lane, long micros) {
        record(timeToAssigned, micros);
        record(lane.timeToAssigned, micros);
        registrationSecond.recordValue(Math.max(0, micros));
        registrations.increment();
        lane.assigned.increment();
        status("assigned");
    }

    /** A device of {@code lane} sends a message. */
    void sent(TransportTally lane) {
        sent.increment();
        lane.sent.increment();
    }

    /** The hub acknowledged a message of {@code lane} after {@code micros}. */
    void acknowledged(TransportTally lane, long micros) {
        acknowledged.increment();
        lane.acknowledged.increment();
        record(telemetry, micros);
        record(lane.telemetry, micros);
        telemetrySecond.recordValue(Math.max(0, micros));
    }

    /** A message of {@code lane} failed with {@code code}, saying {@code message}. */
    void failedMessage(TransportTally lane, String code, String message) {
        failedMessages.increment();
        lane.failed.increment();
        error(lane, code, message);
    }

    /** The devices in each phase, in the order a progress line shows them. */
    Map<String, Long> phases() {
        Map<String, Long> phases = new LinkedHashMap<>();
        phases.put("waiting", waiting.get());
        phases.put("registering", registering.get());
        phases.put("sending", sending.get());
        phases.put("done", done.get());
        phases.put("failed", failedDevices.get());
        return phases;
    }

    /** A device that failed, registered or not. */
    void fail(boolean registered) {
        (registered ? sending : registering).decrementAndGet();
        failedDevices.incrementAndGet();
    }

    /** A device's registration ended with {@code status} (assigned, refused, failed, ...). */
    void status(String status) {
        count(byStatus, status);
    }

    /** A registration or a message of {@code lane} failed with {@code code}, saying {@code message}. */
    void error(TransportTally lane, String code, String message) {
        errorCount.increment();
        count(errors, code);
        lane.error(code);
        requests.sample(code, message);
        latestError.set(code);
    }

    void countRetry(DeviceEvent event) {
        if (event instanceof DeviceEvent.RetryScheduled) {
            retries.increment();
        }
    }

    /**
     * Reads a device's registration timeline: each request's result and retries, each register request's time to its answer
     * (retried requests that got none are not counted) and each poll's.
     *
     * @param failureStatus the status a refused registration ended with; 0 when it was not refused by an answer
     */
    void registration(FleetTransport transport, TransportTally lane, Timeline timeline, int failureStatus) {
        requests.registration(transport, timeline, failureStatus, micros -> {
            record(register, micros);
            record(lane.register, micros);
        });
    }

    /** The devices by how their registration ended, those never started as {@code not-started}. */
    Map<String, Long> statuses() {
        Map<String, Long> statuses = new LinkedHashMap<>();
        byStatus.forEach((k, v) -> statuses.put(k, v.sum()));
        if (waiting.get() > 0) {
            statuses.merge("not-started", waiting.get(), Long::sum);
        }
        return statuses;
    }

    /** The errors by code. */
    Map<String, Long> errorCounts() {
        Map<String, Long> errorCounts = new LinkedHashMap<>();
        errors.forEach((k, v) -> errorCounts.put(k, v.sum()));
        return errorCounts;
    }

    private static void count(Map<String, LongAdder> counts, String key) {
        counts.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    static void record(Histogram histogram, long micros) {
        synchronized (histogram) {
            histogram.recordValue(Math.max(0, micros));
        }
    }

    static Histogram copy(Histogram histogram) {
        synchronized (histogram) {
            return histogram.copy();
        }
    }
}
