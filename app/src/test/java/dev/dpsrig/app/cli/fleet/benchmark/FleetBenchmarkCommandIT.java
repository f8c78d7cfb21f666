package dev.dpsrig.app.cli.fleet.benchmark;

import static dev.dpsrig.app.cli.CommandRun.dpsrig;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dpsrig.app.cli.CommandRun;
import org.junit.jupiter.api.Test;

/** The fleet benchmark's plumbing and its checks at tiny sizes; speed is the benchmark's business, not a test's. */
class FleetBenchmarkCommandIT {
    @Test
    void everySectionPrintsItsFiguresAndEveryDeviceEndsAssigned() {
        CommandRun run = dpsrig("fleet", "benchmark", "--warmup", "0", "--seconds", "1", "--concurrency", "4", "--devices", "12");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out())
                .containsPattern("fleet benchmark: [0-9]+ cores, Java [0-9].*concurrency 4, warm-up 0 s, measured 1 s; load average [0-9.-]+")
                .containsPattern("raw HTTPS keep-alive GET -> 401 +[0-9.]+ requests/s +p50 +[0-9.]+ ms +p99 +[0-9.]+ ms .*; 0 failed")
                .containsPattern("raw full mTLS handshake \\+ GET \\(EC P-256\\) +[0-9.]+ handshakes/s .*; 0 failed")
                .containsPattern("symmetric-key fleet registrations +[0-9.]+ registrations/s .*\\(12 in .*; 0 failed\\)")
                .containsPattern("symmetric-key goal: >= 50% of [0-9]+ raw requests/s / 2\\.[0-9]+ requests each = [0-9]+/s; measured [0-9]+/s")
                .containsPattern("X\\.509 fleet registrations +[0-9.]+ registrations/s .*\\(12 in .*; 0 failed\\)")
                .containsPattern("X\\.509 goal: >= 60% of [0-9]+ raw handshakes/s")
                .containsPattern("telemetry, 12 devices +[0-9.]+ messages/s +p50 +[0-9.]+ ms +p99 +[0-9.]+ ms")
                .containsPattern("telemetry goal: >= 70% of [0-9]+ raw requests/s")
                .containsPattern("verified: ([1-9][0-9]*) messages acknowledged, 0 not, hub counted \\1 \\(ok\\)")
                .contains("verified: 12/12 symmetricKey devices hold an assigned result, 12/12 assigned in the simulator (ok)")
                .contains("verified: 12/12 x509 devices hold an assigned result, 12/12 assigned in the simulator (ok)")
                .containsPattern("heap per idle registered symmetric-key device: -?[0-9.]+ KB \\(12 devices")
                .containsPattern("heap per idle registered X\\.509 device: -?[0-9.]+ KB \\(12 devices")
                .containsPattern("peak RSS of the run \\(VmHWM\\): [0-9]+ MB")
                .contains("all devices assigned, all messages acknowledged")
                .doesNotContain("first failure", "FAILED");
    }

    @Test
    void onlyRunsTheSectionsAskedFor() {
        CommandRun run = dpsrig("fleet", "benchmark", "--only", "memory", "--devices", "5", "--concurrency", "2");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("heap per idle registered symmetric-key device", "heap per idle registered X.509 device")
                .doesNotContain("raw HTTPS", "handshakes/s", "telemetry", "registrations/s");
    }

    @Test
    void refusesNonsense() {
        assertThat(dpsrig("fleet", "benchmark", "--concurrency", "0").usageErrorLine()).contains("--concurrency, --seconds and --devices must be at least 1");
    }
}
