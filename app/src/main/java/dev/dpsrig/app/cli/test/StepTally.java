package dev.dpsrig.app.cli.test;

import io.cucumber.plugin.ConcurrentEventListener;
import io.cucumber.plugin.event.EventPublisher;
import io.cucumber.plugin.event.HookTestStep;
import io.cucumber.plugin.event.PickleStepTestStep;
import io.cucumber.plugin.event.Status;
import io.cucumber.plugin.event.TestStepFinished;
import java.util.EnumMap;
import java.util.Map;

/**
 * A Cucumber plugin that counts, for {@code dpsrig test}'s summary, the Gherkin steps of the scenarios
 * that ran (Background steps once per scenario, steps skipped after a failure included) by result, and
 * separately the hooks that ran around them. Cucumber's own summary counts every test step, hooks
 * included, so its "steps" figure is the sum of the two. Cucumber builds plugins itself, so the
 * counts are kept in one static place and reset before each run.
 */
public final class StepTally implements ConcurrentEventListener {
    /** The counts of one run. */
    public record Counts(Map<Status, Integer> steps, int hooks) {
        public Counts {
            steps = Map.copyOf(steps);
        }

        public int totalSteps() {
            return steps.values().stream().mapToInt(Integer::intValue).sum();
        }

        public int steps(Status status) {
            return steps.getOrDefault(status, 0);
        }
    }

    private static final Map<Status, Integer> STEPS = new EnumMap<>(Status.class);
    private static int hooks;

    static synchronized void reset() {
        STEPS.clear();
        hooks = 0;
    }

    public static synchronized Counts counts() {
        return new Counts(STEPS, hooks);
    }

    @Override
    public void setEventPublisher(EventPublisher publisher) {
        publisher.registerHandlerFor(TestStepFinished.class, event -> {
            // A test step is either a Gherkin step or a hook; nothing else reaches this event.
            switch (event.getTestStep()) {
                case PickleStepTestStep step -> count(event.getResult().getStatus());
                case HookTestStep hook -> countHook();
                default -> {
                }
            }
        });
    }

    private static synchronized void count(Status status) {
        STEPS.merge(status, 1, Integer::sum);
    }

    private static synchronized void countHook() {
        hooks++;
    }
}
