package dev.dpsrig.emulator.fleet;

import dev.dpsrig.emulator.device.DeviceEvent;
import dev.dpsrig.emulator.device.Timeline;
import dev.dpsrig.emulator.fleet.RequestResult.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;
import org.HdrHistogram.Histogram;

/**
 * The requests of a fleet run as its devices recorded them, counted from their own threads: each endpoint's results and
 * retries, each poll's time to its answer, and a few distinct messages of each error code.
 */
final class RequestTally {
    /** Distinct sample messages kept per error code. */
    static final int SAMPLES = 3;
    private static final int SAMPLE_LENGTH = 300;

    private final Map<String, Map<String, LongAdder>> results = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> retries = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> samples = new ConcurrentHashMap<>();
    private final Histogram poll = FleetReport.histogram();

    /**
     * Reads a device's registration: each register and operation-status request's result and retries, each register
     * request's time to its answer (to {@code registerMicros}) and each poll's.
     *
     * @param failureStatus the status a refused registration ended with; 0 when it was not refused by an answer
     */
    void registration(FleetTransport transport, Timeline timeline, int failureStatus, LongConsumer registerMicros) {
        Step pending = null;
        Instant sentAt = null;
        Instant pollDue = null;
        for (DeviceEvent event : timeline.events()) {
            switch (event) {
                case DeviceEvent.RegisterSent sent -> {
                    pending = Step.REGISTER;
                    sentAt = sent.at();
                }
                case DeviceEvent.RegisterAnswered answered -> {
                    result(transport, Step.REGISTER, Integer.toString(answered.httpStatus()));
                    if (sentAt != null) {
                        registerMicros.accept(micros(sentAt, answered.at()));
                    }
                    pending = null;
                    sentAt = null;
                }
                case DeviceEvent.PollScheduled scheduled -> {
                    pending = Step.OPERATION_STATUS;
                    pollDue = scheduled.at().plus(scheduled.delay());
                }
                case DeviceEvent.StatusSeen seen -> {
                    result(transport, Step.OPERATION_STATUS, Integer.toString(seen.httpStatus()));
                    if (pollDue != null) {
                        FleetTally.record(poll, micros(pollDue, seen.at()));
                    }
                    pending = null;
                    pollDue = null;
                }
                case DeviceEvent.RetryScheduled retry -> {
                    Step step = retry.step().equals("register") ? Step.REGISTER : Step.OPERATION_STATUS;
                    if (pending != null) {
                        result(transport, step, RequestResult.of(retry.reason()));
                    }
                    retries.computeIfAbsent(step.endpoint(transport), k -> new LongAdder()).increment();
                    pending = step;
                    pollDue = step == Step.OPERATION_STATUS ? retry.at().plus(retry.delay()) : pollDue;
                }
                case DeviceEvent.RegistrationFailed failed -> {
                    if (pending != null && !failed.reason().contains("(deadline)")) {
                        result(transport, pending, failureStatus > 0 ? Integer.toString(failureStatus) : RequestResult.of(failed.reason()));
                    }
                    pending = null;
                }
                default -> {
                }
            }
        }
    }

    /** Reads one message's delivery: each attempt's result, and its retries. */
    void delivery(FleetTransport transport, Timeline timeline) {
        for (DeviceEvent event : timeline.events()) {
            switch (event) {
                case DeviceEvent.MessageSent sent -> result(transport, Step.TELEMETRY,
                        RequestResult.answered(transport, Step.TELEMETRY, sent.httpStatus()));
                case DeviceEvent.RetryScheduled retry -> {
                    result(transport, Step.TELEMETRY, RequestResult.of(retry.reason()));
                    retries.computeIfAbsent(Step.TELEMETRY.endpoint(transport), k -> new LongAdder()).increment();
                }
                case DeviceEvent.MessageFailed failed -> result(transport, Step.TELEMETRY,
                        RequestResult.of(failed.reason().replaceFirst("^gave up after \\d+ attempts: ", "")));
                default -> {
                }
            }
        }
    }

    /** Keeps {@code message} as a sample of {@code code}, if that code has fewer than {@link #SAMPLES} distinct ones. */
    void sample(String code, String message) {
        Set<String> kept = samples.computeIfAbsent(code, k -> new LinkedHashSet<>());
        String text = message.length() > SAMPLE_LENGTH ? message.substring(0, SAMPLE_LENGTH) + "…" : message;
        synchronized (kept) {
            if (kept.size() < SAMPLES) {
                kept.add(text);
            }
        }
    }

    /** What has been counted so far. */
    Requests snapshot() {
        Map<String, EndpointStats> endpoints = new LinkedHashMap<>();
        results.forEach((endpoint, counts) -> {
            Map<String, Long> sums = new LinkedHashMap<>();
            counts.forEach((result, count) -> sums.put(result, count.sum()));
            endpoints.put(endpoint, new EndpointStats(sums, retries.getOrDefault(endpoint, new LongAdder()).sum()));
        });
        retries.forEach((endpoint, count) -> endpoints.putIfAbsent(endpoint, new EndpointStats(Map.of(), count.sum())));
        Map<String, List<String>> kept = new LinkedHashMap<>();
        samples.forEach((code, messages) -> {
            synchronized (messages) {
                kept.put(code, List.copyOf(messages));
            }
        });
        return new Requests(endpoints, kept, FleetTally.copy(poll));
    }

    private void result(FleetTransport transport, Step step, String result) {
        results.computeIfAbsent(step.endpoint(transport), k -> new ConcurrentHashMap<>())
                .computeIfAbsent(result, k -> new LongAdder()).increment();
    }

    private static long micros(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1000;
    }
}
