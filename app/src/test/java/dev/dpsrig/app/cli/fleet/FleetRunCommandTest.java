package dev.dpsrig.app.cli.fleet;

import static dev.dpsrig.app.cli.CommandRun.dpsrig;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dpsrig.app.cli.CommandRun;
import dev.dpsrig.emulator.fleet.FleetAttestation;
import dev.dpsrig.emulator.fleet.FleetSpec;
import dev.dpsrig.emulator.fleet.FleetTransport;
import dev.dpsrig.emulator.fleet.Shard;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** How flags, a spec file and the environment make the fleet spec; no sockets. */
class FleetRunCommandTest {
    /**
     * The spec {@code fleet run ARGS} would run with: parsed on the command alone, not run, so that the test can give it an
     * environment of its own and read back what the options made.
     */
    private static FleetSpec spec(Map<String, String> environment, String... args) {
        FleetRunCommand command = new FleetRunCommand();
        command.environment = environment::get;
        new CommandLine(command).parseArgs(args);
        return command.fleetSpec();
    }

    @Test
    void flagsOverrideTheSpecFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("fleet.json");
        Files.writeString(file, "{\"devices\": 10, \"seed\": 3, \"attestation\": \"x509-group\", \"telemetryCount\": 2, \"shard\": \"1/2\","
                + " \"transport\": \"https\"}");

        FleetSpec spec = spec(Map.of(), "--spec", file.toString(), "--devices", "2000", "--attestation",
                "group-symmetric-key", "--enroll", "--telemetry-count", "1", "--connection", "shared-pool", "--ramp", "100",
                "--transport", "mqtt=70,mqtt-ws=30");

        assertThat(spec.devices()).isEqualTo(2000);
        assertThat(spec.seed()).isEqualTo(3);
        assertThat(spec.mix()).containsOnlyKeys(FleetAttestation.GROUP_SYMMETRIC_KEY);
        assertThat(spec.enroll()).isTrue();
        assertThat(spec.telemetryCount()).isEqualTo(1);
        assertThat(spec.ramp()).isEqualTo(100);
        assertThat(spec.shard()).isEqualTo(new Shard(1, 2));
        assertThat(spec.transports()).containsExactly(Map.entry(FleetTransport.MQTT, 70), Map.entry(FleetTransport.MQTT_WS, 30));
    }

    @Test
    void shardComesFromJobCompletionIndexWithShardCount() {
        assertThat(spec(Map.of("JOB_COMPLETION_INDEX", "3"), "--shard-count", "4").shard()).isEqualTo(new Shard(3, 4));
        assertThat(spec(Map.of("JOB_COMPLETION_INDEX", "3"), "--shard", "0/4").shard()).isEqualTo(new Shard(0, 4));
        assertThat(spec(Map.of("JOB_COMPLETION_INDEX", "3")).shard()).isEqualTo(Shard.WHOLE);
    }

    @Test
    void mistakesAreUsageErrors(@TempDir Path dir) {
        CommandRun badAttestation = dpsrig("fleet", "run", "--attestation", "tpm", "--data-dir", dir.toString());
        CommandRun badTransport = dpsrig("fleet", "run", "--transport", "mqtt:70,amqp:30", "--data-dir", dir.toString());

        assertThat(badAttestation.exitCode()).isEqualTo(2);
        assertThat(badAttestation.err().lines()).singleElement().asString().contains("unknown attestation 'tpm'");
        assertThat(badTransport.exitCode()).isEqualTo(2);
        assertThat(badTransport.err().lines()).singleElement().asString()
                .contains("unknown transport 'amqp'; one of https, mqtt, mqtt-ws");
    }

    @Test
    void thresholdsComeFromTheSpecFileAndTheFlagsAndABadOneIsAUsageError(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("fleet.json");
        Files.writeString(file, "{\"devices\": 10, \"thresholds\": [\"rate(errors)<0.01\"]}");
        // Parsed on the command alone, not run, to read back the thresholds the options and the file made.
        FleetRunCommand command = new FleetRunCommand();
        command.environment = name -> null;
        new CommandLine(command).parseArgs("--spec", file.toString(), "--threshold", "p99(register)<2s", "--threshold", "count(failed)==0");

        assertThat(command.thresholds()).containsExactly("rate(errors)<0.01", "p99(register)<2s", "count(failed)==0");
        assertThat(command.fleetSpec().devices()).isEqualTo(10);

        CommandRun badThreshold = dpsrig("fleet", "run", "--threshold", "p99(register)<2 parsecs", "--data-dir", dir.toString());

        assertThat(badThreshold.exitCode()).isEqualTo(2);
        assertThat(badThreshold.err()).contains("bad threshold 'p99(register)<2 parsecs': a threshold is AGGREGATE(METRIC) OP VALUE");
    }
}
