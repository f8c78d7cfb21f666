package dev.dpsrig.app.cli.test;

import io.cucumber.messages.types.Envelope;
import io.cucumber.plugin.ConcurrentEventListener;
import io.cucumber.plugin.event.EventHandler;
import io.cucumber.plugin.event.EventPublisher;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * One of Cucumber's reports of a {@code dpsrig test} run that names the features the user gave (or the shipped ones,
 * {@code features/...}) rather than the copies the run made of them: Cucumber's own formatter, fed the run's messages
 * through {@link OriginalPaths}. Cucumber builds plugins itself, so the run's copies are kept in one static place, set
 * before each run.
 */
abstract sealed class OriginalPathsReport implements ConcurrentEventListener permits HtmlReport, JsonReport, JunitReport {
    private static volatile FeatureCopies copies;

    private final ConcurrentEventListener formatter;
    private final Function<FeatureCopies.Copy, String> naming;

    OriginalPathsReport(ConcurrentEventListener formatter, Function<FeatureCopies.Copy, String> naming) {
        this.formatter = formatter;
        this.naming = naming;
    }

    /** The copies the next run's reports map back to their features. */
    static void use(FeatureCopies run) {
        copies = run;
    }

    /**
     * A copy's feature as a {@code file:} URI, which Cucumber's JSON report writes relative to the working directory
     * when the feature is under it ({@code file:features/allocation/allocation.feature}).
     */
    static String fileUri(FeatureCopies.Copy copy) {
        return Path.of(copy.path()).toAbsolutePath().normalize().toUri().toString();
    }

    @Override
    public void setEventPublisher(EventPublisher publisher) {
        OriginalPaths paths = new OriginalPaths(copies, naming);
        formatter.setEventPublisher(new Rewriting(publisher, envelope -> rewrite(paths, envelope)));
    }

    /** What the formatter is given of {@code envelope}: the message with its copies' paths replaced. */
    Envelope rewrite(OriginalPaths paths, Envelope envelope) {
        return paths.rewrite(envelope);
    }

    /** The run's events as the formatter is to see them: its messages rewritten. */
    private record Rewriting(EventPublisher publisher, UnaryOperator<Envelope> rewrite) implements EventPublisher {
        @Override
        public <T> void registerHandlerFor(Class<T> type, EventHandler<T> handler) {
            publisher.registerHandlerFor(type, event ->
                    handler.receive(event instanceof Envelope envelope ? type.cast(rewrite.apply(envelope)) : event));
        }

        @Override
        public <T> void removeHandlerFor(Class<T> type, EventHandler<T> handler) {
            throw new UnsupportedOperationException("a report's formatter keeps its handlers for the whole run");
        }
    }
}
