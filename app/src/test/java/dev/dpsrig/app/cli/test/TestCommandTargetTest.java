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

/** Target settings are checked before any scenario runs: one line naming the setting, exit code 2. */
class TestCommandTargetTest {
    @TempDir
    Path reports;

    @Test
    void azureWithoutItsSettingsNamesTheMissingKeyAndRunsNothing() {
        Path absent = reports.resolve("absent.properties");

        CommandRun run = dpsrig("test", "--target", "azure", "--azure-config", absent.toString(), "--reports", reports.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines().toList()).singleElement(as(STRING))
                .startsWith("dpsrig test:")
                .contains(absent + ": no such file");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void unknownTargetIsAUsageError() {
        CommandRun run = dpsrig("test", "--target", "staging", "--reports", reports.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines().toList()).singleElement(as(STRING))
                .isEqualTo("dpsrig test: unknown target 'staging'; choose simulator or azure");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void unknownTransportIsAUsageError() {
        CommandRun run = dpsrig("test", "--transport", "https,amqp", "--reports", reports.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines().toList()).singleElement(as(STRING))
                .isEqualTo("dpsrig test: --transport is https, mqtt, mqtt-ws, a comma-separated list of them, or all, not 'amqp'");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aRigFileThatDoesNotLoadStopsTheRunNamingIt() throws Exception {
        Path rig = reports.resolve("rig.yaml");
        Files.writeString(rig, "gpio: mock\nboards:\n  - name: a\n    serial: {port: /dev/null}\n    colour: blue\n");

        CommandRun run = dpsrig("test", "--rig", rig.toString(), "--reports", reports.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines().toList()).singleElement(as(STRING)).startsWith("dpsrig test:").contains(rig.toString());
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aBenchPortThatIsNoPortIsAUsageError() {
        CommandRun run = dpsrig("test", "--bench-host", "192.0.2.10", "--bench-port", "eighty", "--reports", reports.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines().toList()).singleElement(as(STRING))
                .isEqualTo("dpsrig test: dpsrig.bench.port must be a port number, not 'eighty'");
    }

    @Test
    void benchSettingsWithoutABenchHostAreAUsageError() {
        CommandRun run = dpsrig("test", "--bench-port", "9443", "--reports", reports.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("need --bench-host");
    }
}
