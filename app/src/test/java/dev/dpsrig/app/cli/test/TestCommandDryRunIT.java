package dev.dpsrig.app.cli.test;

import static dev.dpsrig.app.cli.CommandRun.dpsrig;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dpsrig.app.cli.CommandRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dpsrig test} as Cucumber's CLI is used: a dry run that matches steps without running them, an undefined
 * step shown its nearest steps, {@code --name} and {@code --tags} leaving scenarios out without calling them skipped,
 * and {@code --list-steps}.
 */
class TestCommandDryRunIT {
    private static final String TALLY = Path.of("src", "test", "resources", "tally", "background-and-failure.feature").toString();
    private static final String TYPO = Path.of("src", "test", "resources", "steps", "typo.feature").toString();

    @TempDir
    Path reports;

    @Test
    void aDryRunOfDefinedStepsRunsNothingAndSucceeds() {
        CommandRun run = dpsrigTest(TALLY, "--dry-run", "--transport", "https,mqtt");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("4 scenarios: 4 with every step defined, 0 failed, 0 skipped")
                .doesNotContain("PASS").doesNotContain("starting simulator");
    }

    @Test
    void anUndefinedStepIsShownWithItsPlaceAndItsNearestStepsNotASnippet() {
        CommandRun run = dpsrigTest(TYPO, "--dry-run", "--transport", "https,mqtt");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.out()).contains("UNDEFINED  " + TYPO + ":3  Registers with a misspelt step [https]")
                .contains("0 skipped, 2 undefined")
                .contains("undefined steps:\n  " + TYPO + ":5  When device \"typo-device\" registrs with its enrollment key\n"
                        + "      nearest: device {string} registers with its enrollment key  # device\n")
                .doesNotContain("@When(").doesNotContain("snippet");
        assertThat(run.out().lines().filter(line -> line.contains("registrs")).count()).as("the step once, though it ran over two transports")
                .isEqualTo(1);
    }

    @Test
    void scenariosLeftOutByNameAreNotCountedAsSkipped() {
        CommandRun run = dpsrigTest(TALLY, "--dry-run", "--transport", "https", "--name", "^Fails");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("1 scenarios: 1 with every step defined, 0 failed, 0 skipped");
    }

    @Test
    void scenariosLeftOutByTagsAreNotCountedAsSkipped() {
        CommandRun run = dpsrigTest(TALLY, "--dry-run", "--transport", "https,mqtt", "--tags", "@transport-mqtt");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("2 scenarios: 2 with every step defined, 0 failed, 0 skipped");
    }

    @Test
    void listStepsNamesEveryPatternByAreaWithItsTypesAndAShippedExample() {
        CommandRun run = dpsrigTest("--list-steps");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).containsPattern("(?m)^device \\(\\d+ steps\\)$")
                .containsPattern("(?m)^  device \\{string} registers with its enrollment key\n"
                        + "      parameters: string\n"
                        + "      e\\.g\\. device \"[^\"]+\" registers with its enrollment key  # features/[a-z/-]+\\.feature:\\d+$")
                .containsPattern("(?m)^mqtt protocol \\(\\d+ steps?\\)$")
                .containsPattern("(?m)^\\d{2,} steps in \\d+ areas$");
    }

    /** {@code dpsrig test ARGS... --reports REPORTS}. */
    private CommandRun dpsrigTest(String... args) {
        return dpsrig(CommandRun.line("test", args, "--reports", reports.toString()));
    }
}
