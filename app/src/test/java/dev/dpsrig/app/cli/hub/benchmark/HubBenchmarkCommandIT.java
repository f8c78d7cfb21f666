package dev.dpsrig.app.cli.hub.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The benchmark's plumbing and its correctness checks; speed is the benchmark's business, not a test's. */
class HubBenchmarkCommandIT {
    @Test
    void printsEveryRowAndEveryMessageIsAcknowledgedAndCounted() {
        StringWriter output = new StringWriter();
        StringWriter errors = new StringWriter();
        CommandLine command = new CommandLine(new HubBenchmarkCommand());
        command.setOut(new PrintWriter(output, true));
        command.setErr(new PrintWriter(errors, true));

        int exitCode = command.execute("--warmup", "0", "--seconds", "1", "--concurrency", "4", "--devices", "6", "--idle-devices", "20");

        String printed = output.toString();
        assertThat(exitCode).as(printed + errors).isZero();
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
        assertThat(usageError("--devices", "0")).contains("--concurrency, --seconds and --devices must be at least 1");
        assertThat(usageError("--idle-devices", "-1")).contains("--idle-devices at least 0");
        assertThat(usageError("--transport", "amqp")).contains("--transport").contains("amqp");
    }

    private static String usageError(String... arguments) {
        StringWriter errors = new StringWriter();
        CommandLine command = new CommandLine(new HubBenchmarkCommand());
        command.setErr(new PrintWriter(errors, true));
        assertThat(command.execute(arguments)).isEqualTo(CommandLine.ExitCode.USAGE);
        return errors.toString();
    }
}
