package dev.dpsrig.emulator.fleet;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Samples a fleet run once a second: a time bucket (with that second's latencies), the peaks of heap, devices in flight and
 * threads, and the progress line, whose rates are over the latest {@value #WINDOW} seconds.
 */
final class FleetSampler implements Runnable {
    private static final MemoryMXBean HEAP = ManagementFactory.getMemoryMXBean();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final FleetTally tally;
    private final Consumer<FleetRunner.Progress> progress;
    private final long started;
    private final int size;
    /** Seconds the live rates are over. */
    private static final int WINDOW = 5;

    private final List<FleetReport.Bucket> buckets = new ArrayList<>();
    private final ArrayDeque<Double> spans = new ArrayDeque<>();
    private volatile boolean stopped;
    private long lastRegistrations;
    private long lastMessages;
    private long lastErrors;
    volatile long peakHeap;
    volatile long peakInFlight;
    volatile long peakThreads;

    /** Samples {@code tally} of a run of {@code size} devices that started at {@code started} (nano time). */
    FleetSampler(FleetTally tally, Consumer<FleetRunner.Progress> progress, long started, int size) {
        this.tally = tally;
        this.progress = progress;
        this.started = started;
        this.size = size;
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

    private synchronized void sample(double span) {
        long heap = liveHeap();
        long inFlightNow = tally.registering.get() + tally.sending.get();
        peakHeap = Math.max(peakHeap, heap);
        peakInFlight = Math.max(peakInFlight, inFlightNow);
        peakThreads = Math.max(peakThreads, THREADS.getThreadCount());
        Map<String, Long> phases = tally.phases();
        long r = tally.registrations.sum();
        long m = tally.acknowledged.sum();
        long e = tally.errorCount.sum();
        FleetReport.Bucket bucket = new FleetReport.Bucket(buckets.size(), phases, r - lastRegistrations, m - lastMessages,
                e - lastErrors, PackedHistogram.of(tally.registrationSecond.getIntervalHistogram()),
                PackedHistogram.of(tally.telemetrySecond.getIntervalHistogram()));
        lastRegistrations = r;
        lastMessages = m;
        lastErrors = e;
        buckets.add(bucket);
        spans.addLast(span);
        if (spans.size() > WINDOW) {
            spans.removeFirst();
        }
        List<FleetReport.Bucket> recent = buckets.subList(buckets.size() - spans.size(), buckets.size());
        double window = spans.stream().mapToDouble(Double::doubleValue).sum();
        progress.accept(new FleetRunner.Progress((System.nanoTime() - started) / 1e9, phases, window,
                recent.stream().mapToLong(FleetReport.Bucket::registrations).sum() / window,
                recent.stream().mapToLong(FleetReport.Bucket::messages).sum() / window, e, tally.latestError.get(),
                tally.retries.sum(), tally.refused.sum(), size));
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
