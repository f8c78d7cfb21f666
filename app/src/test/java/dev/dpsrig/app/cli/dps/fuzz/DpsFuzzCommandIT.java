package dev.dpsrig.app.cli.dps.fuzz;

import static dev.dpsrig.app.cli.CommandRun.dpsrig;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dpsrig.app.cli.CommandRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The long fuzz command's plumbing: what it prints and how it refuses nonsense; finding bugs is {@code FuzzIT}'s business. */
class DpsFuzzCommandIT {
    @Test
    void printsCountsByStatusThePaceAndTheCoreCount(@TempDir Path data) {
        CommandRun run = dpsrig("dps", "fuzz", "--requests", "25", "--seed", "3", "--duration", "60s",
                "--data-dir", data.resolve("fuzz").toString());

        String printed = run.out();
        int exitCode = run.exitCode();
        assertThat(exitCode).as(printed + run.err()).isIn(0, 1);
        assertThat(printed).contains("dps fuzz: seed 3, up to 25 cases")
                .containsPattern("fuzz: seed 3, 25 cases in [0-9.]+ s \\([0-9.]+ cases/s; [0-9.]+ s more to set up\\) on [0-9]+ cores")
                .containsPattern("answers by status: [0-9]{3}: [0-9]+")
                .contains("by API", "findings: ");
        assertThat(exitCode == 0).isEqualTo(printed.contains("findings: 0 "));
    }

    @Test
    void reproducesOneCaseBySeedAndIndex() {
        CommandRun run = dpsrig("dps", "fuzz", "--seed", "3", "--only", "7");

        assertThat(run.out()).contains("1 cases in", "case 7 only");
    }

    @Test
    void refusesAFolderThatHoldsSomething(@TempDir Path data) throws Exception {
        Files.writeString(data.resolve("state.json"), "{}");
        assertThat(dpsrig("dps", "fuzz", "--data-dir", data.toString()).usageErrorLine()).contains("is not empty");
        assertThat(dpsrig("dps", "fuzz", "--requests", "0").usageErrorLine()).contains("--requests must be at least 1");
        assertThat(dpsrig("dps", "fuzz", "--duration", "soon").usageErrorLine()).contains("is not a duration");
    }
}
