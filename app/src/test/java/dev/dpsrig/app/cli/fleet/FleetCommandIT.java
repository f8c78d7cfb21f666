package dev.dpsrig.app.cli.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dpsrig.app.cli.report.ReportCommand;
import dev.dpsrig.emulator.fleet.FleetReport;
import dev.dpsrig.emulator.fleet.TransportShare;
import dev.dpsrig.simulator.server.LocalSimulator;
import dev.dpsrig.simulator.server.SimulatorConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code dpsrig fleet run} and {@code dpsrig report merge} against a simulator found through its dev-settings.json. */
class FleetCommandIT {
    @TempDir
    Path dataDir;

    @TempDir
    Path reports;

    private LocalSimulator simulator;

    @BeforeEach
    void start() {
        simulator = LocalSimulator.start(SimulatorConfig.builder().dataDirectory(dataDir).dpsPort(0)
                .assignmentDelay(Duration.ZERO).build());
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(Object command, String... args) {
        CommandLine cli = new CommandLine(command);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return new Run(cli.execute(args), out.toString(), err.toString());
    }

    @Test
    void twoShardsRunFromTheCliAndMergeIntoOneReport() {
        for (int shard = 0; shard < 2; shard++) {
            Run run = run(new FleetCommand(), "run", "--data-dir", dataDir.toString(), "--devices", "40",
                    "--attestation", "group-symmetric-key:1,individual-symmetric-key:1", "--enroll", "--telemetry-count", "2",
                    "--telemetry-interval", "10ms", "--poll-interval", "20ms", "--seed", "4", "--id-pattern", "cli-%03d",
                    "--transport", "mqtt:1,https:1", "--shard", shard + "/2", "--report", reports.resolve("shard-" + shard).toString());
            assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
            assertThat(run.out()).contains("fleet: 40 devices (shard " + shard + "/2: 20)", "over mqtt:1,https:1", "fleet summary: 20 devices",
                    "{assigned=20}", "sent 40, acknowledged 40, failed 0", "time to assigned", "report: ");
        }

        Run merged = run(new ReportCommand(), "merge", "--out", reports.resolve("all").toString(),
                reports.resolve("shard-0").toString(), reports.resolve("shard-1").resolve("report.json").toString());

        assertThat(merged.exitCode()).as(merged.err()).isZero();
        assertThat(merged.out()).contains("fleet summary: 40 devices (shards 0/2, 1/2)", "sent 80, acknowledged 80, failed 0");
        FleetReport report = FleetReport.read(reports.resolve("all"));
        assertThat(report.byStatus()).containsExactly(Map.entry("assigned", 40L));
        assertThat(report.telemetry().getTotalCount()).isEqualTo(80);
        // Devices over MQTT found the simulator's MQTT endpoints in its dev-settings.json; the merge kept the split.
        assertThat(merged.out()).contains("by transport", "  mqtt ", "  https ");
        assertThat(report.transports()).containsOnlyKeys("mqtt", "https");
        assertThat(report.transports().values()).allSatisfy(share -> {
            assertThat(share.devices()).isPositive();
            assertThat(share.acknowledged()).isEqualTo(2 * share.devices());
        });
        assertThat(report.transports().values().stream().mapToLong(TransportShare::devices).sum()).isEqualTo(40);
        assertThat(Files.exists(reports.resolve("all").resolve("report.html"))).isTrue();
        assertThat(simulator.iotHubs().getFirst().messages()).hasSize(80);
    }

    @Test
    void withoutTheSimulatorsSettingsItSaysWhatToStart(@TempDir Path empty) {
        Run run = run(new FleetCommand(), "run", "--data-dir", empty.toString(), "--devices", "1");
        assertThat(run.exitCode()).isNotZero();
    }
}
