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

/** What {@code dpsrig test} prints as it runs: one line per scenario as it ends; the counts and durations for the summary. */
final class ScenarioProgress implements TestExecutionListener {
    private final PrintWriter out;
    private final Map<String, Long> started = new ConcurrentHashMap<>();
    private final List<Map.Entry<String, Duration>> durations = new ArrayList<>();
    int passed;
    int failed;
    int skipped;

    ScenarioProgress(PrintWriter out) {
        this.out = out;
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
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (!test.isTest()) {
            return;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started.getOrDefault(test.getUniqueId(), System.nanoTime()));
        synchronized (durations) {
            durations.add(Map.entry(test.getDisplayName(), took));
        }
        switch (result.getStatus()) {
            case SUCCESSFUL -> {
                passed++;
                line("PASS", test.getDisplayName() + " (" + millis(took) + ")");
            }
            case ABORTED -> {
                skipped++;
                line("SKIP", test.getDisplayName() + reason(result.getThrowable()));
            }
            case FAILED -> {
                failed++;
                line("FAIL", test.getDisplayName() + " (" + millis(took) + ")" + reason(result.getThrowable()));
            }
        }
    }

    void summarize(StepTally.Counts counts, int slowest, Path html) {
        out.println();
        out.printf("%d scenarios: %d passed, %d failed, %d skipped%n", passed + failed + skipped, passed, failed, skipped);
        out.println(stepLine(counts));
        List<Map.Entry<String, Duration>> slow = durations.stream()
                .sorted(Map.Entry.<String, Duration>comparingByValue(Comparator.reverseOrder())).limit(slowest).toList();
        if (!slow.isEmpty()) {
            out.println("slowest:");
            slow.forEach(entry -> out.printf("  %8s  %s%n", millis(entry.getValue()), entry.getKey()));
        }
        if (passed + failed + skipped == 0) {
            out.println("no scenario matched");
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
