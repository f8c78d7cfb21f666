package dev.dpsrig.app.bench;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;

/**
 * A warm-up and the measured stretch after it, of one row of a benchmark: the measured phase, and the tally of the
 * whole measurement, warm-up included, for its checks.
 */
public record Measurement(Phase measured, Tally all) {
    /**
     * Warms up, measures, prints the row ({@code <label> <figures>, load <n>; of <n> incl. warm-up: <n> <unexpected>,
     * <n> errors)}) and the first failure if there was one, then closes the clients.
     *
     * @param unexpectedName what a completed run with the wrong answer is called in the row, e.g. {@code not assigned}
     */
    public static Measurement take(PrintWriter out, String label, String unit, String unexpectedName, Duration warmup,
                                   Duration measure, List<? extends Client> clients) throws InterruptedException, ExecutionException {
        try {
            Phase warm = Load.repeat(warmup, clients);
            Phase measured = Load.repeat(measure, clients);
            Tally all = new Tally();
            all.add(warm.tally());
            all.add(measured.tally());
            out.printf(Locale.ROOT, "%-42s %s, load %.1f; of %d incl. warm-up: %d %s, %d errors)%n",
                    label, measured.figures(unit, measured.tally().completed()), Machine.loadAverage(),
                    all.completed() + all.errors(), all.unexpected(), unexpectedName, all.errors());
            all.firstProblem().ifPresent(problem -> out.println("  first failure: " + problem));
            out.flush();
            return new Measurement(measured, all);
        } finally {
            clients.forEach(Client::close);
        }
    }

    /** Runs of the measured stretch that completed, per second. */
    public double rate() {
        return measured.completedPerSecond();
    }

    /** HTTP requests per completed run of the measured stretch, where the operation counts them. */
    public double requestsEach() {
        return measured.tally().requests() / (double) Math.max(1, measured.tally().completed());
    }

    /** Whether any run, warm-up included, went otherwise than expected. */
    public boolean failed() {
        return all.failed() > 0;
    }
}
