package dev.dpsrig.app.cli.test;

import dev.dpsrig.features.transport.TransportRuns;
import io.cucumber.messages.types.Envelope;
import io.cucumber.messages.types.Exception;
import io.cucumber.messages.types.GherkinDocument;
import io.cucumber.messages.types.Pickle;
import io.cucumber.messages.types.Source;
import io.cucumber.messages.types.TestRunFinished;
import io.cucumber.messages.types.TestStepFinished;
import io.cucumber.messages.types.TestStepResult;
import java.net.URI;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cucumber's messages of a run as a report should tell them: where a message names a feature copy, it names the feature
 * the copy was made of instead. A feature's, a scenario's and its source's URI become what {@code naming} calls the copy;
 * a copy's place in a failure's stack trace or message ({@code file:///.../features/https/x.feature:13}) becomes the
 * feature's path and line as the console gives them ({@code my-features/x.feature:12}).
 */
final class OriginalPaths {
    private static final Pattern PLACE = Pattern.compile("(file:[^\\s()\"]+?\\.feature)(?::(\\d+))?");

    private final FeatureCopies copies;
    private final Function<FeatureCopies.Copy, String> naming;

    OriginalPaths(FeatureCopies copies, Function<FeatureCopies.Copy, String> naming) {
        this.copies = copies;
        this.naming = naming;
    }

    /** {@code envelope}, its copies' paths replaced by their features'; an envelope naming no copy, as it is. */
    Envelope rewrite(Envelope envelope) {
        return envelope.getSource().map(this::source).map(Envelope::of)
                .or(() -> envelope.getGherkinDocument().map(this::document).map(Envelope::of))
                .or(() -> envelope.getPickle().map(this::pickle).map(Envelope::of))
                .or(() -> envelope.getTestStepFinished().map(this::stepFinished).map(Envelope::of))
                .or(() -> envelope.getTestRunFinished().map(this::runFinished).map(Envelope::of))
                .orElse(envelope);
    }

    private Source source(Source source) {
        return new Source(uri(source.getUri()), source.getData(), source.getMediaType());
    }

    private GherkinDocument document(GherkinDocument document) {
        return new GherkinDocument(document.getUri().map(this::uri).orElse(null), document.getFeature().orElse(null),
                document.getComments());
    }

    private Pickle pickle(Pickle pickle) {
        return new Pickle(pickle.getId(), uri(pickle.getUri()), pickle.getName(), pickle.getLanguage(), pickle.getSteps(),
                pickle.getTags(), pickle.getAstNodeIds());
    }

    private TestStepFinished stepFinished(TestStepFinished finished) {
        TestStepResult result = finished.getTestStepResult();
        return new TestStepFinished(finished.getTestCaseStartedId(), finished.getTestStepId(),
                new TestStepResult(result.getDuration(), result.getMessage().map(this::text).orElse(null), result.getStatus(),
                        result.getException().map(this::exception).orElse(null)),
                finished.getTimestamp());
    }

    private TestRunFinished runFinished(TestRunFinished finished) {
        return new TestRunFinished(finished.getMessage().map(this::text).orElse(null), finished.getSuccess(), finished.getTimestamp(),
                finished.getException().map(this::exception).orElse(null), finished.getTestRunStartedId().orElse(null));
    }

    private Exception exception(Exception exception) {
        return new Exception(exception.getType(), exception.getMessage().map(this::text).orElse(null),
                exception.getStackTrace().map(this::text).orElse(null));
    }

    private String uri(String uri) {
        return copy(uri).map(naming).orElse(uri);
    }

    /** {@code text}, each copy's place in it ({@code file:...feature[:line]}) replaced by its feature's path and line. */
    private String text(String text) {
        Matcher place = PLACE.matcher(text);
        return place.replaceAll(found -> Matcher.quoteReplacement(copy(found.group(1))
                .map(copy -> copy.path() + Optional.ofNullable(found.group(2))
                        .map(line -> ":" + TransportRuns.originalLine(Integer.parseInt(line))).orElse(""))
                .orElse(found.group())));
    }

    private Optional<FeatureCopies.Copy> copy(String uri) {
        try {
            return copies.copy(URI.create(uri));
        } catch (IllegalArgumentException notAFileUri) {
            return Optional.empty();
        }
    }
}
