package dev.dpsrig.app.bench;

import java.util.Optional;
import org.HdrHistogram.Histogram;

/**
 * Counts and latencies of the runs of one phase. Each worker keeps its own while it runs and they are merged after,
 * so the measured loop shares no counter. Latency is recorded for every run that completed, as expected or not;
 * a run that threw has none.
 */
public final class Tally {
    private final Histogram latency = new Histogram(3);
    private long expected;
    private long unexpected;
    private long errors;
    private long requests;
    private Optional<String> firstProblem = Optional.empty();

    void record(Outcome outcome, long latencyNanos) {
        latency.recordValue(latencyNanos / 1000);
        requests += outcome.requests();
        switch (outcome) {
            case Outcome.Expected ignored -> expected++;
            case Outcome.Unexpected wrong -> {
                unexpected++;
                note(wrong.problem());
            }
        }
    }

    void error(Exception error) {
        errors++;
        note(error.toString());
    }

    private void note(String problem) {
        if (firstProblem.isEmpty()) {
            firstProblem = Optional.of(problem);
        }
    }

    /** Adds {@code other}'s counts and latencies to these; the first problem stays the first one noted. */
    public void add(Tally other) {
        latency.add(other.latency);
        expected += other.expected;
        unexpected += other.unexpected;
        errors += other.errors;
        requests += other.requests;
        other.firstProblem.ifPresent(this::note);
    }

    /** Runs whose answer was the one expected. */
    public long expected() {
        return expected;
    }

    /** Runs that completed with an answer that was not the one expected. */
    public long unexpected() {
        return unexpected;
    }

    /** Runs that threw. */
    public long errors() {
        return errors;
    }

    /** Runs that completed, as expected or not. */
    public long completed() {
        return expected + unexpected;
    }

    /** Runs that did not go as expected: wrong answers and errors. */
    public long failed() {
        return unexpected + errors;
    }

    /** HTTP requests of the runs that completed, where their operation counts them. */
    public long requests() {
        return requests;
    }

    public Optional<String> firstProblem() {
        return firstProblem;
    }

    public double p50Millis() {
        return latency.getValueAtPercentile(50) / 1000.0;
    }

    public double p99Millis() {
        return latency.getValueAtPercentile(99) / 1000.0;
    }
}
