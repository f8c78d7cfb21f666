package dev.dpsrig.app.cli.dps.benchmark;

import static dev.dpsrig.app.cli.CommandRun.dpsrig;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dpsrig.app.cli.CommandRun;
import org.junit.jupiter.api.Test;

/** The benchmark's plumbing and its correctness checks; speed is the benchmark's business, not a test's. */
class DpsBenchmarkCommandIT {
    @Test
    void measuresEveryRowOverBothTransportsAndEveryRegistrationEndsAssigned(@org.junit.jupiter.api.io.TempDir java.nio.file.Path stateDir) {
        CommandRun run = dpsrig("dps", "benchmark", "--warmup", "0", "--seconds", "1", "--concurrency", "4", "--devices", "20",
                "--state-dir", stateDir.toString());

        String printed = run.out();
        assertThat(run.exitCode()).as(printed + run.err()).isZero();
        assertThat(printed).contains("concurrency 4, warm-up 0 s and measured 1 s")
                .containsPattern("raw HTTPS GET -> 401 +[0-9.]+ requests/s .*of [1-9][0-9]* incl\\. warm-up: 0 unexpected answers, 0 errors\\)")
                .containsPattern("symmetric-key registrations +[0-9.]+ registrations/s .*of [1-9][0-9]* incl\\. warm-up: 0 not assigned, 0 errors\\)")
                .containsPattern("X\\.509 registrations, full mTLS +[0-9.]+ registrations/s .*of [1-9][0-9]* incl\\. warm-up: 0 not assigned, 0 errors\\)")
                .containsPattern("registrations/s per raw request/s: symmetric-key [0-9.]+ .*X\\.509 [0-9.]+")
                .containsPattern("MQTT symmetric-key registrations +[0-9.]+ registrations/s .*of [1-9][0-9]* incl\\. warm-up: 0 not assigned, 0 errors\\)")
                .containsPattern("MQTT X\\.509 registrations, full mTLS +[0-9.]+ registrations/s .*of [1-9][0-9]* incl\\. warm-up: 0 not assigned, 0 errors\\)")
                .containsPattern("MQTT registrations/s per raw request/s: symmetric-key [0-9.]+, X\\.509 [0-9.]+ \\(a connection each")
                .containsPattern("symmetric-key, state on disk +[0-9.]+ registrations/s .*of [1-9][0-9]* incl\\. warm-up: 0 not assigned, 0 errors\\)")
                .containsPattern("state on disk \\(.+ at .+\\): [0-9.]+ of the in-memory symmetric-key rate")
                .doesNotContain("first failure");
        assertThat(stateDir).as("the on-disk measurement's folder is removed").isEmptyDirectory();
    }

    @Test
    void measuresOnlyTheTransportAskedFor() {
        CommandRun run = dpsrig("dps", "benchmark", "--warmup", "0", "--seconds", "1", "--concurrency", "2", "--devices", "4",
                "--transport", "mqtt");

        String printed = run.out();
        assertThat(run.exitCode()).as(printed + run.err()).isZero();
        assertThat(printed).contains("transports [mqtt]").contains("raw HTTPS GET -> 401").contains("MQTT X.509 registrations")
                .doesNotContain("\nsymmetric-key registrations").doesNotContain("state on disk");
    }

    @Test
    void refusesNonsense() {
        assertThat(dpsrig("dps", "benchmark", "--concurrency", "0").usageErrorLine())
                .contains("--concurrency, --seconds and --devices must be at least 1");
        assertThat(dpsrig("dps", "benchmark", "--warmup", "-1").usageErrorLine()).contains("--warmup at least 0");
        assertThat(dpsrig("dps", "benchmark", "--transport", "amqp").usageErrorLine()).contains("--transport").contains("amqp");
    }
}
