package dev.dpsrig.emulator.fleet;

import dev.dpsrig.emulator.device.DeviceAttestation;
import dev.dpsrig.emulator.device.DeviceEvent;
import dev.dpsrig.emulator.device.DeviceTransport;
import dev.dpsrig.emulator.device.DpsEndpoint;
import dev.dpsrig.emulator.device.EmulatedDevice;
import dev.dpsrig.emulator.device.HubClient;
import dev.dpsrig.emulator.device.ProvisioningClient;
import dev.dpsrig.emulator.device.ProvisioningException;
import dev.dpsrig.emulator.device.RetryPolicy;
import dev.dpsrig.emulator.device.Telemetry;
import dev.dpsrig.emulator.device.TelemetryOutcome;
import dev.dpsrig.emulator.device.Timeline;
import dev.dpsrig.emulator.device.Waiter;
import dev.dpsrig.protocol.ConnectFailure;
import dev.dpsrig.protocol.MessageProperty;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;

/**
 * Runs a fleet (or one shard of it): each device on a virtual thread of its own, created only when its turn
 * comes (the ramp says when, a semaphore caps how many are in flight), registering through DPS and then
 * sending its telemetry on schedule. A device's randomness comes from (seed, index), so the same spec
 * sends the same payloads on the same schedule every time. A waiting device holds its small state, its
 * timeline and its virtual thread's stack; the report says how much heap that came to.
 *
 * <p>Devices retry what a running DPS or hub answers (429, 5xx, dropped connections, timeouts, and a refused
 * connection once the endpoint has answered in this run: a restart). When a device cannot open a connection at all
 * to an endpoint nobody in the run has reached, the run stops starting devices, stops those in flight and throws
 * {@link FleetUnreachableException}.
 */
public final class FleetRunner {
    private static final MemoryMXBean HEAP = ManagementFactory.getMemoryMXBean();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /**
     * One line of live progress, every second.
     *
     * @param errors  devices' registrations and messages that failed so far
     * @param retries requests retried so far (after 429, 5xx, a timeout, a dropped or refused connection)
     * @param refused connections refused so far, retried or not
     */
    public record Progress(double seconds, Map<String, Long> phases, double registrationsPerSecond, double messagesPerSecond,
                           long errors, long retries, long refused, long devices) {
        public String line() {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%6.1f s |", seconds));
            phases.forEach((phase, count) -> line.append(' ').append(phase).append(' ').append(count));
            return line.append(String.format(Locale.ROOT, " | %.1f reg/s %.1f msg/s | errors %d, retries %d, refused %d",
                    registrationsPerSecond, messagesPerSecond, errors, retries, refused)).toString();
        }
    }

    private final FleetSpec spec;
    private final DpsEndpoint endpoint;
    private final FleetCredentials credentials;
    private final Consumer<Progress> progress;
    private final PayloadTemplate template;
    private final RetryPolicy policy;

    private final AtomicLong waiting = new AtomicLong();
    private final AtomicLong registering = new AtomicLong();
    private final AtomicLong sending = new AtomicLong();
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong failedDevices = new AtomicLong();
    private final LongAdder registrations = new LongAdder();
    private final LongAdder sent = new LongAdder();
    private final LongAdder acknowledged = new LongAdder();
    private final LongAdder failedMessages = new LongAdder();
    private final LongAdder errorCount = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final AtomicReference<FleetUnreachableException> unreachable = new AtomicReference<>();
    private final Map<String, LongAdder> byStatus = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final Histogram register = FleetReport.histogram();
    private final Histogram timeToAssigned = FleetReport.histogram();
    private final Histogram telemetry = FleetReport.histogram();

    public FleetRunner(FleetSpec spec, DpsEndpoint endpoint, FleetCredentials credentials, Consumer<Progress> progress) {
        this.spec = spec;
        this.endpoint = endpoint;
        this.credentials = credentials;
        this.progress = progress;
        this.template = PayloadTemplate.parse(spec.payload());
        RetryPolicy retry = RetryPolicy.DEFAULTS.withDeadline(spec.deadline());
        this.policy = spec.pollInterval().map(poll -> retry.withPollBounds(poll, Duration.ZERO, Duration.ZERO)).orElse(retry);
    }

    /**
     * Heap still in use after the last garbage collection (all heap pools), so garbage between collections
     * does not count as what devices hold; the plain used heap before any collection has run.
     */
    static long liveHeap() {
        long live = 0;
        boolean collected = false;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
                live += pool.getCollectionUsage().getUsed();
                collected |= pool.getCollectionUsage().getUsed() > 0;
            }
        }
        return collected ? live : HEAP.getHeapMemoryUsage().getUsed();
    }

    /** A device's own random stream for {@code purpose}: a function of seed and index only. */
    static long deviceSeed(long seed, long index, long purpose) {
        long h = seed * 0x9E3779B97F4A7C15L + index;
        h = (h ^ (h >>> 31)) * 0xBF58476D1CE4E5B9L + purpose;
        return new SplittableRandom(h).nextLong();
    }

    /**
     * @throws FleetUnreachableException when devices could not reach DPS or their hub at all (see the class comment)
     */
    public FleetReport run() throws InterruptedException {
        int size = spec.shard().size(spec.devices());
        int messages = spec.messagesPerDevice();
        waiting.set(size);
        long heapBefore = liveHeap();
        long started = System.nanoTime();
        Sampler sampler = new Sampler(started, size);
        // One platform thread for the whole run, so the progress clock keeps time while devices keep the carriers busy.
        Thread ticker = Thread.ofPlatform().daemon().name("fleet-progress").start(sampler);
        long virtualThreads = 0;
        Semaphore inFlight = new Semaphore(spec.concurrency());
        try (DeviceTransport transport = new DeviceTransport(endpoint.trustedRoots(), spec.connection(), Duration.ofSeconds(10),
                exchange -> exchange.connectFailure().filter(ConnectFailure.REFUSED::equals).ifPresent(refusal -> refused.increment()));
             ExecutorService devices = Executors.newVirtualThreadPerTaskExecutor()) {
            ProvisioningClient dps = new ProvisioningClient(endpoint, transport, policy, Clock.systemUTC(), Waiter.SLEEPING);
            for (int n = 0; n < size && unreachable.get() == null; n++) {
                long index = spec.shard().deviceIndex(n);
                if (spec.ramp() > 0) {
                    long due = started + (long) (index * 1e9 / spec.ramp());
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                }
                inFlight.acquire();
                if (unreachable.get() != null) {
                    break;
                }
                waiting.decrementAndGet();
                registering.incrementAndGet();
                virtualThreads++;
                devices.submit(() -> {
                    try {
                        runDevice(index, dps, transport, messages);
                    } finally {
                        inFlight.release();
                    }
                });
            }
            if (unreachable.get() != null) {
                // Devices still in flight would only find the same; they stop where they are.
                devices.shutdownNow();
            }
        } finally {
            sampler.stop();
            ticker.interrupt();
            ticker.join();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        List<FleetReport.Bucket> buckets = sampler.finish();
        if (unreachable.get() != null) {
            throw unreachable.get();
        }
        Map<String, Long> statuses = new LinkedHashMap<>();
        byStatus.forEach((k, v) -> statuses.put(k, v.sum()));
        if (waiting.get() > 0) {
            statuses.merge("not-started", waiting.get(), Long::sum);
        }
        Map<String, Long> errorCounts = new LinkedHashMap<>();
        errors.forEach((k, v) -> errorCounts.put(k, v.sum()));
        long peakHeap = Math.max(sampler.peakHeap, heapBefore);
        long peakInFlight = Math.max(1, sampler.peakInFlight);
        FleetReport.Memory memory = new FleetReport.Memory(heapBefore, peakHeap, sampler.peakInFlight,
                Math.max(0, (peakHeap - heapBefore) / peakInFlight), sampler.peakThreads, virtualThreads);
        return new FleetReport(Optional.of(spec.toJson()), List.of(spec.shard().toString()), size, statuses, errorCounts,
                sent.sum(), acknowledged.sum(), failedMessages.sum(), seconds, copy(register), copy(timeToAssigned), copy(telemetry),
                buckets, memory);
    }

    private void runDevice(long index, ProvisioningClient dps, DeviceTransport transport, int messages) {
        String id = spec.registrationId(index);
        boolean registered = false;
        try {
            DeviceAttestation attestation = credentials.attestation(index);
            EmulatedDevice device = new EmulatedDevice(attestation, dps, transport, policy, Clock.systemUTC(), Waiter.SLEEPING,
                    deviceSeed(spec.seed(), index, 1));
            device.timeline().onEvent(this::countRetry);
            long begin = System.nanoTime();
            try {
                device.register(Optional.empty());
            } finally {
                recordRegisterLatencies(device.timeline());
            }
            record(timeToAssigned, (System.nanoTime() - begin) / 1000);
            registered = true;
            registrations.increment();
            count(byStatus, "assigned");
            registering.decrementAndGet();
            sending.incrementAndGet();
            if (sendTelemetry(device.hub(), id, index, messages, device.random())) {
                sending.decrementAndGet();
                done.incrementAndGet();
            } else {
                fail(true);
            }
        } catch (ProvisioningException e) {
            count(byStatus, switch (e.reason()) {
                case REFUSED -> "refused";
                case FAILED -> "failed";
                case DISABLED -> "disabled";
                case DEADLINE_EXCEEDED -> "deadline-exceeded";
                case UNREACHABLE -> "unreachable";
            });
            if (e.reason() == ProvisioningException.Reason.UNREACHABLE) {
                unreachable.compareAndSet(null, new FleetUnreachableException("DPS", e.endpoint().orElseThrow(),
                        e.connectFailure().orElseThrow(), e));
            }
            error(e.errorCode().map(String::valueOf).orElse(e.httpStatus() == 0 ? "connection" : "http:" + e.httpStatus()));
            fail(registered);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (unreachable.get() != null) {
                // Stopped because the run is over, not a failure of its own.
                (registered ? sending : registering).decrementAndGet();
                return;
            }
            if (!registered) {
                count(byStatus, "error");
            }
            error("interrupted");
            fail(registered);
        } catch (RuntimeException e) {
            if (!registered) {
                count(byStatus, "error");
            }
            error("exception:" + e.getClass().getSimpleName());
            fail(registered);
        }
    }

    private void fail(boolean registered) {
        (registered ? sending : registering).decrementAndGet();
        failedDevices.incrementAndGet();
    }

    /** Sends the device's messages on schedule; false when it stopped because its hub cannot be reached at all. */
    private boolean sendTelemetry(HubClient hub, String id, long index, int messages, SplittableRandom jitter) throws InterruptedException {
        SplittableRandom payload = new SplittableRandom(deviceSeed(spec.seed(), index, 2));
        long first = System.nanoTime();
        for (int sequence = 0; sequence < messages; sequence++) {
            long wait = first + sequence * spec.telemetryInterval().toNanos() - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            String body = template.render(id, index, sequence, Instant.now(), payload);
            Telemetry message = Telemetry.text(body).with(MessageProperty.CONTENT_TYPE, "application/json")
                    .with(MessageProperty.CONTENT_ENCODING, "utf-8").with(MessageProperty.MESSAGE_ID, id + "-" + sequence);
            sent.increment();
            // A fresh timeline per message: a device sending for hours must not accumulate its history.
            TelemetryOutcome outcome = hub.send(message, new Timeline().onEvent(this::countRetry), jitter);
            switch (outcome) {
                case TelemetryOutcome.Acknowledged ack -> {
                    acknowledged.increment();
                    record(telemetry, ack.latency().toNanos() / 1000);
                }
                case TelemetryOutcome.Failed failure -> {
                    failedMessages.increment();
                    error(failure.errorCode().map(code -> "hub:" + code)
                            .orElse(failure.httpStatus() == 0 ? "connection" : "http:" + failure.httpStatus()));
                }
                case TelemetryOutcome.Unreachable nobody -> {
                    failedMessages.increment();
                    error("connection");
                    unreachable.compareAndSet(null, new FleetUnreachableException("the IoT hub", nobody.endpoint(),
                            nobody.connectFailure(), null));
                    return false;
                }
            }
        }
        return true;
    }

    private void countRetry(DeviceEvent event) {
        if (event instanceof DeviceEvent.RetryScheduled) {
            retries.increment();
        }
    }

    /** Each register request's time to its answer (retried requests that got none are not counted). */
    private void recordRegisterLatencies(Timeline timeline) {
        Instant sentAt = null;
        for (DeviceEvent event : timeline.events()) {
            if (event instanceof DeviceEvent.RegisterSent s) {
                sentAt = s.at();
            } else if (event instanceof DeviceEvent.RegisterAnswered answered && sentAt != null) {
                record(register, Duration.between(sentAt, answered.at()).toNanos() / 1000);
                sentAt = null;
            }
        }
    }

    private void error(String code) {
        errorCount.increment();
        count(errors, code);
    }

    private static void count(Map<String, LongAdder> counts, String key) {
        counts.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    private static void record(Histogram histogram, long micros) {
        synchronized (histogram) {
            histogram.recordValue(Math.max(0, micros));
        }
    }

    private static Histogram copy(Histogram histogram) {
        synchronized (histogram) {
            return histogram.copy();
        }
    }

    /** Once a second: a time bucket, the peaks, and the progress line. */
    private final class Sampler implements Runnable {
        private final long started;
        private final int size;
        private final List<FleetReport.Bucket> buckets = new ArrayList<>();
        private volatile boolean stopped;
        private long lastRegistrations;
        private long lastMessages;
        private long lastErrors;
        volatile long peakHeap;
        volatile long peakInFlight;
        volatile long peakThreads;

        Sampler(long started, int size) {
            this.started = started;
            this.size = size;
        }

        @Override
        public void run() {
            try {
                for (int second = 1; !stopped; second++) {
                    long wait = started + second * 1_000_000_000L - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                    if (!stopped) {
                        sample(1.0);
                    }
                }
            } catch (InterruptedException e) {
                // stopped
            }
        }

        synchronized FleetReport.Bucket sample(double span) {
            long heap = liveHeap();
            long inFlightNow = registering.get() + sending.get();
            peakHeap = Math.max(peakHeap, heap);
            peakInFlight = Math.max(peakInFlight, inFlightNow);
            peakThreads = Math.max(peakThreads, THREADS.getThreadCount());
            Map<String, Long> phases = new LinkedHashMap<>();
            phases.put("waiting", waiting.get());
            phases.put("registering", registering.get());
            phases.put("sending", sending.get());
            phases.put("done", done.get());
            phases.put("failed", failedDevices.get());
            long r = registrations.sum();
            long m = acknowledged.sum();
            long e = errorCount.sum();
            FleetReport.Bucket bucket = new FleetReport.Bucket(buckets.size(), phases, r - lastRegistrations, m - lastMessages,
                    e - lastErrors);
            lastRegistrations = r;
            lastMessages = m;
            lastErrors = e;
            buckets.add(bucket);
            progress.accept(new Progress((System.nanoTime() - started) / 1e9, phases, bucket.registrations() / span,
                    bucket.messages() / span, e, retries.sum(), refused.sum(), size));
            return bucket;
        }

        void stop() {
            stopped = true;
        }

        synchronized List<FleetReport.Bucket> finish() {
            double elapsed = (System.nanoTime() - started) / 1e9;
            sample(Math.max(0.001, elapsed - buckets.size()));
            return List.copyOf(buckets);
        }
    }
}
