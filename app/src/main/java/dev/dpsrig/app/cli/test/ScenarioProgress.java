package dev.dpsrig.app.cli.test;

import io.cucumber.plugin.event.Status;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * What {@code dpsrig test} prints as it runs: one line per scenario as it ends (a failed one with the feature file and
 * line it is at); the counts, durations and the scenarios that did not pass, for the summary. In a dry run, where no
 * step runs, only the scenarios with a step that no definition (or more than one) matches are printed.
 */
final class ScenarioProgress implements TestExecutionListener {
    private static final String UNDEFINED_STEP = "UndefinedStepException";

    /** A scenario that did not pass: where it is, its name, and whether it failed or had an undefined step. */
    record NotPassed(FeatureCopies.Origin origin, String name, boolean undefined) {
    }

    private final PrintWriter out;
    private final FeatureCopies copies;
    private final boolean dryRun;
    private final Map<String, Long> started = new ConcurrentHashMap<>();
    private final List<Map.Entry<String, Duration>> durations = new ArrayList<>();
    private final List<NotPassed> notPassed = new ArrayList<>();
    int passed;
    int failed;
    int skipped;
    int undefined;

    ScenarioProgress(PrintWriter out, FeatureCopies copies, boolean dryRun) {
        this.out = out;
        this.copies = copies;
        this.dryRun = dryRun;
    }

    @Override
    public void executionStarted(TestIdentifier test) {
        if (test.isTest()) {
            started.put(test.getUniqueId(), System.nanoTime());
        }
    }

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        if (test.isTest()) {
            skipped++;
            line("SKIP", test.getDisplayName() + " (" + reason + ")");
        }
    }

    @Override
    public synchronized void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (!test.isTest()) {
            return;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started.getOrDefault(test.getUniqueId(), System.nanoTime()));
        durations.add(Map.entry(test.getDisplayName(), took));
        String at = copies.origin(test.getSource()).map(FeatureCopies.Origin::location).orElse("?");
        boolean undefinedStep = result.getThrowable().filter(e -> e.getClass().getSimpleName().equals(UNDEFINED_STEP)).isPresent();
        if (undefinedStep) {
            undefined++;
            notPassed(test, true);
            line("UNDEFINED", at + "  " + test.getDisplayName() + " (a step has no definition; see below)");
            return;
        }
        switch (result.getStatus()) {
            case SUCCESSFUL -> {
                passed++;
                if (!dryRun) {
                    line("PASS", test.getDisplayName() + " (" + millis(took) + ")");
                }
            }
            case ABORTED -> {
                if (dryRun) {
                    passed++;
                } else {
                    skipped++;
                    line("SKIP", test.getDisplayName() + reason(result.getThrowable()));
                }
            }
            case FAILED -> {
                failed++;
                notPassed(test, false);
                line("FAIL", at + "  " + test.getDisplayName() + " (" + millis(took) + ")" + reason(result.getThrowable()));
            }
        }
    }

    /** The scenarios that failed or had an undefined step, in the order they ended. */
    synchronized List<NotPassed> notPassed() {
        return List.copyOf(notPassed);
    }

    /** Whether the run did what was asked: every scenario passed (or, in a dry run, every step is defined), and one ran. */
    boolean succeeded() {
        return failed == 0 && undefined == 0 && passed > 0;
    }

    void summarize(StepTally.Counts counts, int slowest, Path html) {
        out.println();
        out.printf("%d scenarios: %d %s, %d failed, %d skipped%s%n", passed + failed + skipped + undefined, passed,
                dryRun ? "with every step defined" : "passed", failed, skipped, undefined == 0 ? "" : ", " + undefined + " undefined");
        if (!dryRun) {
            out.println(stepLine(counts));
            List<Map.Entry<String, Duration>> slow = durations.stream()
                    .sorted(Map.Entry.<String, Duration>comparingByValue(Comparator.reverseOrder())).limit(slowest).toList();
            if (!slow.isEmpty()) {
                out.println("slowest:");
                slow.forEach(entry -> out.printf("  %8s  %s%n", millis(entry.getValue()), entry.getKey()));
            }
        }
        if (passed + failed + skipped + undefined == 0) {
            out.println("no scenario matched");
        }
        if (!notPassed.isEmpty()) {
            out.println("failed scenarios:");
            notPassed.forEach(scenario -> out.printf("  %s # %s%s%n", scenario.origin().location(), scenario.name(),
                    scenario.undefined() ? " (undefined step)" : ""));
        }
        out.println("report: " + html);
        out.flush();
    }

    /**
     * Gherkin steps by result; anything neither passed nor failed (skipped after a failure, undefined,
     * pending) counts as skipped. Hooks are named apart so the figure can be set beside Cucumber's own
     * summary, which counts hooks as steps.
     */
    static String stepLine(StepTally.Counts counts) {
        int other = counts.totalSteps() - counts.steps(Status.PASSED) - counts.steps(Status.FAILED);
        return String.format("%d steps: %d passed, %d failed, %d skipped (plus %d hook%s, which Cucumber's own summary counts as steps)",
                counts.totalSteps(), counts.steps(Status.PASSED), counts.steps(Status.FAILED), other, counts.hooks(),
                counts.hooks() == 1 ? "" : "s");
    }

    private void notPassed(TestIdentifier test, boolean undefinedStep) {
        copies.origin(test.getSource()).ifPresent(origin -> notPassed.add(new NotPassed(origin, test.getDisplayName(), undefinedStep)));
    }

    private void line(String verdict, String text) {
        synchronized (out) {
            out.println(verdict + "  " + text);
            out.flush();
        }
    }

    private static String reason(Optional<Throwable> error) {
        return error.map(e -> "\n      " + String.valueOf(e.getMessage()).lines().limit(12)
                .reduce((a, b) -> a + "\n      " + b).orElse(e.toString())).orElse("");
    }

    private static String millis(Duration duration) {
        return duration.toMillis() >= 1000 ? String.format("%.1f s", duration.toMillis() / 1000.0) : duration.toMillis() + " ms";
    }
}
