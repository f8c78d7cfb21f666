package dev.dpsrig.app.cli.hub.benchmark;

import static dev.dpsrig.app.cli.CommandRun.dpsrig;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dpsrig.app.cli.CommandRun;
import org.junit.jupiter.api.Test;

/** The benchmark's plumbing and its correctness checks; speed is the benchmark's business, not a test's. */
class HubBenchmarkCommandIT {
    @Test
    void printsEveryRowAndEveryMessageIsAcknowledgedAndCounted() {
        CommandRun run = dpsrig("hub", "benchmark", "--warmup", "0", "--seconds", "1", "--concurrency", "4", "--devices", "6",
                "--idle-devices", "20");

        String printed = run.out();
        assertThat(run.exitCode()).as(printed + run.err()).isZero();
        assertThat(printed).containsPattern("hub benchmark: [0-9]+ cores, .*concurrency 4, .*6 devices per transport, transports \\[https, mqtt\\]")
                .containsPattern("raw HTTPS GET -> 401 +[0-9.]+ requests/s .*0 unexpected answers, 0 errors\\)")
                .containsPattern("HTTPS telemetry, a request each +[0-9.]+ messages/s .*of [1-9][0-9]* incl\\. warm-up: 0 not acknowledged, 0 errors\\)")
                .containsPattern("https: ([1-9][0-9]*) messages acknowledged from 6 devices, \\1 counted by the hubs \\(ok\\)")
                .containsPattern("MQTT telemetry, a connection per device +[0-9.]+ messages/s .*0 not acknowledged, 0 errors\\)")
                .containsPattern("mqtt: ([1-9][0-9]*) messages acknowledged from 6 devices, \\1 counted by the hubs \\(ok\\)")
                .containsPattern("telemetry messages/s per raw request/s: https [0-9.]+, mqtt [0-9.]+")
                .containsPattern("idle MQTT devices: 20 registered over MQTT and connected to their hub by a child JVM \\(pid [0-9]+\\)")
                .containsPattern("heap per idle connected device, simulator, this JVM: +-?[0-9.]+ KB .*20 devices\\)")
                .containsPattern("heap per idle connected device, emulator, the child JVM: +-?[0-9.]+ KB .*20 devices\\)")
                .contains("all devices assigned and connected, all messages acknowledged and counted")
                .doesNotContain("first failure").doesNotContain("FAILED");
    }

    @Test
    void refusesNonsense() {
        assertThat(dpsrig("hub", "benchmark", "--devices", "0").usageErrorLine())
                .contains("--concurrency, --seconds and --devices must be at least 1");
        assertThat(dpsrig("hub", "benchmark", "--idle-devices", "-1").usageErrorLine()).contains("--idle-devices at least 0");
        assertThat(dpsrig("hub", "benchmark", "--transport", "amqp").usageErrorLine()).contains("--transport").contains("amqp");
    }
}
