package dev.dpsrig.app.cli.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading a step definition's pattern: its parameter types, a made-up example, and how alike a step reads. */
class StepPatternsTest {
    @Test
    void parameterTypesAreReadInOrder() {
        assertThat(StepPatterns.parameterTypes("device {string} is {status} after {int} second(s)"))
                .containsExactly("string", "status", "int");
        assertThat(StepPatterns.parameterTypes("^device (.*) is assigned$")).isEmpty();
    }

    @Test
    void anExampleFillsParametersDropsOptionalTextAndTakesTheFirstAlternative() {
        String example = StepPatterns.example("device {string} is {status} after {int} second(s) over https/mqtt",
                Map.of("status", "assigned"));

        assertThat(example).isEqualTo("device \"name\" is assigned after 1 second over https");
    }

    @Test
    void aMisspeltStepReadsMoreLikeItsPatternThanLikeAnother() {
        String typo = "device \"typo-device\" registrs with its enrollment key";

        assertThat(StepPatterns.likeness(typo, "device {string} registers with its enrollment key"))
                .isGreaterThan(0.9)
                .isGreaterThan(StepPatterns.likeness(typo, "device {string} is assigned"));
    }

    @Test
    void anAreaIsTheStepClassInWords() {
        assertThat(StepVocabulary.area("dev.dpsrig.features.steps.MqttProtocolSteps.connects(java.lang.String)")).isEqualTo("mqtt protocol");
    }
}
