package dev.dpsrig.simulator.fuzz;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The heap of this JVM, where the in-process server runs, while something happens: live data (after a
 * full collection, forced every {@code gcEvery}) at the start, its highest point during, and at the
 * end; and the highest use sampled without collecting, garbage included. Live data is what a body held
 * in memory shows up as; the sampled peak says how hard the collector had to work.
 */
final class HeapWatch implements AutoCloseable {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private final long liveBefore;
    private final AtomicLong liveMax = new AtomicLong();
    private final AtomicLong usedMax = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread collector;
    private final Thread sampler;
    private long liveAfter = -1;

    private HeapWatch(Duration gcEvery) {
        this.liveBefore = live();
        liveMax.set(liveBefore);
        usedMax.set(used());
        collector = Thread.ofPlatform().daemon().name("heap-watch-gc").start(() -> {
            while (running.get()) {
                sleep(gcEvery);
                long live = live();
                liveMax.accumulateAndGet(live, Math::max);
            }
        });
        sampler = Thread.ofPlatform().daemon().name("heap-watch-sample").start(() -> {
            while (running.get()) {
                usedMax.accumulateAndGet(used(), Math::max);
                sleep(Duration.ofMillis(5));
            }
        });
    }

    static HeapWatch start(Duration gcEvery) {
        return new HeapWatch(gcEvery);
    }

    /** Stops watching and takes the live size once more. */
    @Override
    public void close() {
        running.set(false);
        try {
            collector.join();
            sampler.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        liveAfter = live();
        liveMax.accumulateAndGet(liveAfter, Math::max);
    }

    long liveBefore() {
        return liveBefore;
    }

    long liveMax() {
        return liveMax.get();
    }

    long liveAfter() {
        return liveAfter;
    }

    long usedMax() {
        return usedMax.get();
    }

    static long maxHeap() {
        return MEMORY.getHeapMemoryUsage().getMax();
    }

    private static long live() {
        System.gc();
        return used();
    }

    private static long used() {
        return MEMORY.getHeapMemoryUsage().getUsed();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String megabytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1024.0 / 1024.0);
    }
}
