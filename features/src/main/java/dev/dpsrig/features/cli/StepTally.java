package dev.dpsrig.features.cli;

import io.cucumber.plugin.ConcurrentEventListener;
import io.cucumber.plugin.event.EventPublisher;
import io.cucumber.plugin.event.PickleStepTestStep;
import io.cucumber.plugin.event.Status;
import io.cucumber.plugin.event.TestStepFinished;
import java.util.EnumMap;
import java.util.Map;

/**
 * A Cucumber plugin that counts steps by result for {@code dpsrig test}'s summary. Cucumber builds
 * plugins itself, so the counts are kept in one static place and reset before each run.
 */
public final class StepTally implements ConcurrentEventListener {
    private static final Map<Status, Integer> COUNTS = new EnumMap<>(Status.class);

    static synchronized void reset() {
        COUNTS.clear();
    }

    static synchronized Map<Status, Integer> counts() {
        return new EnumMap<>(COUNTS.isEmpty() ? Map.of(Status.PASSED, 0) : COUNTS);
    }

    @Override
    public void setEventPublisher(EventPublisher publisher) {
        publisher.registerHandlerFor(TestStepFinished.class, event -> {
            if (event.getTestStep() instanceof PickleStepTestStep) {
                synchronized (StepTally.class) {
                    COUNTS.merge(event.getResult().getStatus(), 1, Integer::sum);
                }
            }
        });
    }
}
