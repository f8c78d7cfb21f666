package dev.dpsrig.hil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code rig power} on the mock platform, as CI runs it, and its refusals. */
class RigPowerCommandTest {
    @TempDir
    Path dir;

    private Path rigFile;

    private record Run(int exitCode, String out, String err) { }

    @BeforeEach
    void rig() throws IOException {
        rigFile = rigFile("mock");
    }

    private Path rigFile(String platform) throws IOException {
        return Files.writeString(dir.resolve(platform + "-rig.yaml"), "gpio: " + platform + "\nboards:\n"
                + "  - {name: gateway, serial: {port: /dev/ttyUSB0}, gpio: {power: {pin: 17, active-low: true}}, mode: tethered}\n"
                + "  - {name: sensor-2, serial: {port: /dev/ttyUSB1}, gpio: {power: {pin: 5}}, mode: tethered}\n");
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new RigCommand());
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        int exitCode = command.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    @Test
    void switchesOneBoardAndPrintsTheStateReadBackFromItsLine() {
        Run on = run("power", "on", "gateway", "--rig", rigFile.toString());
        Run off = run("power", "OFF", "sensor-2", "--rig", rigFile.toString());

        assertThat(on.exitCode()).as(on.err()).isZero();
        assertThat(on.out().lines().toList()).containsExactly("gateway power GPIO 17 (active low) on");
        assertThat(off.exitCode()).as(off.err()).isZero();
        assertThat(off.out().lines().toList()).containsExactly("sensor-2 power GPIO 5 off");
    }

    @Test
    void cycleKeepsTheBoardOffForTheOffTimeThenOn() {
        long started = System.nanoTime();

        Run cycle = run("power", "cycle", "sensor-2", "--rig", rigFile.toString(), "--off-time", "300ms");

        assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(300);
        assertThat(cycle.exitCode()).as(cycle.err()).isZero();
        assertThat(cycle.out().lines().toList()).containsExactly("sensor-2 power GPIO 5 on (was off for 300 ms)");
    }

    @Test
    void unknownBoardIsOneLineListingTheBoardsWithExitCode2() {
        Run run = run("power", "on", "gatway", "--rig", rigFile.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines().toList())
                .containsExactly("rig power: no board named 'gatway' in " + rigFile + "; its boards are gateway, sensor-2");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void realPinsWithoutAPi4jPluginAreOneLineSayingWhatToAdd() throws IOException {
        Run run = run("power", "on", "gateway", "--rig", rigFile("pi4j").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines().toList()).singleElement().asString()
                .startsWith("rig power: no Pi4J GPIO provider on the class path (only Pi4J's mock); add a Pi4J GPIO plugin")
                .contains("pi4j-plugin-gpiod", "plugins/", "DPSRIG_CLASSPATH", "'gpio: mock'");
    }

    @Test
    void badActionOrOffTimeIsAUsageError() {
        Run action = run("power", "toggle", "gateway", "--rig", rigFile.toString());
        Run offTime = run("power", "cycle", "gateway", "--rig", rigFile.toString(), "--off-time", "soon");

        assertThat(action.exitCode()).isEqualTo(2);
        assertThat(action.err()).contains("expected on, off or cycle, not 'toggle'");
        assertThat(offTime.exitCode()).isEqualTo(2);
        assertThat(offTime.err()).contains("expected a duration with its unit (500ms, 30s, 2m, 1h), not 'soon'");
    }
}
