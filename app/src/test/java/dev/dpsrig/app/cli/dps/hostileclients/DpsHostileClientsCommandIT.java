package dev.dpsrig.app.cli.dps.hostileclients;

import static dev.dpsrig.app.cli.CommandRun.dpsrig;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dpsrig.app.cli.CommandRun;
import org.junit.jupiter.api.Test;

/** The measurement's plumbing, with a small body and a short limit; the figures themselves are never judged. */
class DpsHostileClientsCommandIT {
    @Test
    void printsEveryFigure() {
        CommandRun run = dpsrig("dps", "hostile-clients", "--body-mb", "2", "--interval", "300ms", "--limit", "2s");

        String printed = run.out();
        assertThat(run.exitCode()).as(printed + run.err()).isZero();
        assertThat(printed).containsPattern("hostile clients: [0-9]+ cores, Java .*, max heap [0-9.]+ MB")
                .containsPattern("DPS register +Content-Length -> ")
                .containsPattern("hub telemetry +chunked +-> ")
                .containsPattern("answered after [0-9.]+ s with [0-9.]+ MB of the body sent")
                .containsPattern("heap live [0-9.]+ MB before, highest [0-9.]+ MB \\([+-][0-9.]+ MB\\)")
                .containsPattern("DPS +TLS up, no request +(cut off after|still open after)")
                .containsPattern("hub +4 KB body trickled, a byte per interval +(cut off after|still open after)")
                .contains("server log meanwhile");
    }
}
