package dev.dpsrig.app.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Drives operations on virtual threads, a worker each, and answers the {@link Phase} they made: either for a
 * length of time, each worker running its operation again and again, or over a list of items, each item once, the
 * workers taking the next one in turn. A worker finishes the run it has started, so a phase is as long as it takes.
 */
public final class Load {
    private Load() {
    }

    /** The work of one item of {@link #each}. */
    @FunctionalInterface
    public interface Task<T> {
        Outcome run(T item) throws Exception;
    }

    /** Each operation on a worker of its own, run again and again until {@code duration} has passed. */
    public static Phase repeat(Duration duration, List<? extends Operation> operations) throws InterruptedException, ExecutionException {
        return run(operations.size(), (worker, started, tally) -> {
            long deadline = started + duration.toNanos();
            Operation own = operations.get(worker);
            while (System.nanoTime() - deadline < 0) {
                once(own, tally);
            }
        });
    }

    /** Every item once, {@code concurrency} at a time; the phase ends when the last one has been done. */
    public static <T> Phase each(List<T> items, int concurrency, Task<T> task) throws InterruptedException, ExecutionException {
        AtomicInteger next = new AtomicInteger();
        return run(concurrency, (worker, started, tally) -> {
            for (int index = next.getAndIncrement(); index < items.size(); index = next.getAndIncrement()) {
                T item = items.get(index);
                once(() -> task.run(item), tally);
            }
        });
    }

    private static void once(Operation operation, Tally tally) {
        long started = System.nanoTime();
        try {
            Outcome outcome = operation.run();
            tally.record(outcome, System.nanoTime() - started);
        } catch (Exception e) {
            tally.error(e);
        }
    }

    /** A worker's loop, given its number, when the phase started (a deadline counts from it) and the tally it keeps. */
    private interface Worker {
        void work(int number, long startedNanos, Tally tally);
    }

    private static Phase run(int count, Worker worker) throws InterruptedException, ExecutionException {
        long cpuBefore = Machine.processCpuNanos();
        long started = System.nanoTime();
        List<Future<Tally>> running = new ArrayList<>(count);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int number = 0; number < count; number++) {
                int own = number;
                running.add(threads.submit(() -> {
                    Tally tally = new Tally();
                    worker.work(own, started, tally);
                    return tally;
                }));
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        double cpuSeconds = (Machine.processCpuNanos() - cpuBefore) / 1e9;
        Tally total = new Tally();
        for (Future<Tally> tally : running) {
            total.add(tally.get());
        }
        return new Phase(total, seconds, cpuSeconds);
    }
}
