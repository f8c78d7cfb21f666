package dev.dpsrig.app.cli.dps.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The long fuzz command's plumbing: what it prints and how it refuses nonsense; finding bugs is {@code FuzzIT}'s business. */
class DpsFuzzCommandIT {
    @Test
    void printsCountsByStatusThePaceAndTheCoreCount(@TempDir Path data) {
        StringWriter output = new StringWriter();
        CommandLine command = new CommandLine(new DpsFuzzCommand());
        command.setOut(new PrintWriter(output, true));
        command.setErr(new PrintWriter(new StringWriter(), true));

        int exitCode = command.execute("--requests", "25", "--seed", "3", "--duration", "60s", "--data-dir", data.resolve("fuzz").toString());

        String printed = output.toString();
        assertThat(exitCode).as(printed).isIn(0, 1);
        assertThat(printed).contains("dps fuzz: seed 3, up to 25 cases")
                .containsPattern("fuzz: seed 3, 25 cases in [0-9.]+ s \\([0-9.]+ cases/s; [0-9.]+ s more to set up\\) on [0-9]+ cores")
                .containsPattern("answers by status: [0-9]{3}: [0-9]+")
                .contains("by API", "findings: ");
        assertThat(exitCode == 0).isEqualTo(printed.contains("findings: 0 "));
    }

    @Test
    void reproducesOneCaseBySeedAndIndex() {
        StringWriter output = new StringWriter();
        CommandLine command = new CommandLine(new DpsFuzzCommand());
        command.setOut(new PrintWriter(output, true));

        command.execute("--seed", "3", "--only", "7");

        assertThat(output.toString()).contains("1 cases in", "case 7 only");
    }

    @Test
    void refusesAFolderThatHoldsSomething(@TempDir Path data) throws Exception {
        Files.writeString(data.resolve("state.json"), "{}");
        assertThat(usageError("--data-dir", data.toString())).contains("is not empty");
        assertThat(usageError("--requests", "0")).contains("--requests must be at least 1");
        assertThat(usageError("--duration", "soon")).contains("is not a duration");
    }

    private static String usageError(String... arguments) {
        StringWriter errors = new StringWriter();
        CommandLine command = new CommandLine(new DpsFuzzCommand());
        command.setErr(new PrintWriter(errors, true));
        assertThat(command.execute(arguments)).isEqualTo(CommandLine.ExitCode.USAGE);
        return errors.toString();
    }
}
