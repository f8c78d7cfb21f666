package dev.dpsrig.app.cli.test;

import static dev.dpsrig.app.cli.CommandRun.dpsrig;
import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import dev.dpsrig.app.cli.CommandRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code dpsrig test} refuses before any scenario runs, and a rerun file that names nothing. */
class TestCommandUsageTest {
    @TempDir
    Path reports;

    @Test
    void aMalformedTagExpressionIsOneUsageLine() {
        CommandRun run = dpsrig("test", "--tags", "@a and", "--reports", reports.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines().toList()).singleElement(as(STRING))
                .startsWith("dpsrig test: --tags is not a tag expression: ").contains("@a and");
        assertThat(run.out()).isEmpty();
        assertThat(reports.resolve("features")).doesNotExist();
    }

    @Test
    void aNameThatIsNoRegularExpressionIsOneUsageLine() {
        CommandRun run = dpsrig("test", "--name", "Passes (", "--reports", reports.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines().toList()).singleElement(as(STRING)).startsWith("dpsrig test: --name is not a regular expression");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aRerunFileThatIsNotThereIsOneUsageLine() {
        Path absent = reports.resolve("absent-rerun.txt");

        CommandRun run = dpsrig("test", "@" + absent, "--reports", reports.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines().toList()).singleElement(as(STRING)).isEqualTo("dpsrig test: " + absent + ": no such rerun file");
    }

    @Test
    void anEmptyRerunFileRunsNothing() throws Exception {
        Path rerun = Files.writeString(reports.resolve("rerun.txt"), "");

        CommandRun run = dpsrig("test", "@" + rerun, "--reports", reports.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("nothing to rerun: the rerun file names no scenario" + System.lineSeparator());
    }

    @Test
    void aTagGivenWithItsAtSignIsNotTakenForARerunFile() {
        CommandRun run = dpsrig("test", "--tags", "@no-scenario-has-this", "--dry-run", "--reports", reports.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("0 scenarios: ").contains("no scenario matched").doesNotContain("nothing to rerun");
    }

    @Test
    void aFeatureArgumentNamingAnUnknownTransportIsOneUsageLine() {
        CommandRun run = dpsrig("test", "src/test/resources/tally/background-and-failure.feature:10@amqp", "--reports", reports.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines().toList()).singleElement(as(STRING)).contains("not 'amqp'");
    }
}
