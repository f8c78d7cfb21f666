package dev.dpsrig.app.cli.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dpsrig.features.transport.Transport;
import io.cucumber.messages.types.Duration;
import io.cucumber.messages.types.Envelope;
import io.cucumber.messages.types.Exception;
import io.cucumber.messages.types.Source;
import io.cucumber.messages.types.SourceMediaType;
import io.cucumber.messages.types.TestStepFinished;
import io.cucumber.messages.types.TestStepResult;
import io.cucumber.messages.types.TestStepResultStatus;
import io.cucumber.messages.types.Timestamp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The messages of a feature given outside the working directory, as the reports are fed them: its copy's URI becomes the
 * feature's absolute {@code file:} URI, and a place in the copy the feature's path and line.
 */
class OriginalPathsTest {
    @TempDir
    Path elsewhere;
    private Path feature;
    private String copy;
    private OriginalPaths paths;

    @BeforeEach
    void copyAFeature() throws IOException {
        feature = Files.writeString(elsewhere.resolve("own.feature"), "Feature: own\n\n  Scenario: one\n    Given a step\n");
        FeatureCopies copies = FeatureCopies.write(List.of(FeatureArgument.parse(feature.toString())), Set.of(Transport.MQTT),
                elsewhere.resolve("copies"));
        copy = elsewhere.resolve("copies").resolve("mqtt").resolve("own.feature").toUri().toString();
        paths = new OriginalPaths(copies, OriginalPathsReport::fileUri);
    }

    @Test
    void aCopysUriBecomesTheFeaturesAbsoluteFileUri() {
        assertThat(sourceUri(copy)).isEqualTo(feature.toUri().toString()).startsWith("file:///");
    }

    @Test
    void aPlaceInTheCopyBecomesTheFeaturesPathAndLine() {
        Envelope failed = paths.rewrite(Envelope.of(new TestStepFinished("case", "step", new TestStepResult(new Duration(0L, 0L),
                "failed at " + copy + ":5", TestStepResultStatus.FAILED, new Exception("AssertionError", null, "\tat ✽.a step(" + copy + ":5)\n")),
                new Timestamp(0L, 0L))));

        TestStepResult result = failed.getTestStepFinished().orElseThrow().getTestStepResult();
        assertThat(result.getMessage()).hasValue("failed at " + feature + ":4");
        assertThat(result.getException().orElseThrow().getStackTrace()).hasValue("\tat ✽.a step(" + feature + ":4)\n");
    }

    @Test
    void aUriOfNoCopyStaysAsItIs() {
        String other = elsewhere.resolve("copies").resolve("mqtt").resolve("other.feature").toUri().toString();

        assertThat(sourceUri(other)).isEqualTo(other);
        assertThat(sourceUri("classpath:features/own.feature")).isEqualTo("classpath:features/own.feature");
    }

    private String sourceUri(String uri) {
        return paths.rewrite(Envelope.of(new Source(uri, "Feature: own", SourceMediaType.TEXT_X_CUCUMBER_GHERKIN_PLAIN)))
                .getSource().orElseThrow().getUri();
    }
}
