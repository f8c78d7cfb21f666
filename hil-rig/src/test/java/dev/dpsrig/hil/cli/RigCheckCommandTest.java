package dev.dpsrig.hil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RigCheckCommandTest {
    @TempDir
    Path dir;

    @Test
    void badRigFileIsOneLineAndExitCode2() throws IOException {
        Path rigFile = Files.writeString(dir.resolve("rig.yaml"), "boards:\n  - {name: a, serial: {port: /dev/a}, gpio: {power: {pin: x}}, mode: tethered}\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new RigCommand());
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));

        int exitCode = command.execute("check", "--rig", rigFile.toString());

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString().lines().toList())
                .containsExactly("rig check: " + rigFile + ": boards[0].gpio.power.pin: expected a whole number, not 'x'");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void realPinsWithoutAPi4jPluginAreOneLineWithExitCode2() throws IOException {
        Path rigFile = Files.writeString(dir.resolve("rig.yaml"), "gpio: pi4j\nboards:\n"
                + "  - {name: a, serial: {port: /dev/ttyUSB0}, gpio: {power: {pin: 17}}, mode: tethered}\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new RigCommand());
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));

        int exitCode = command.execute("check", "--rig", rigFile.toString());

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString().lines().toList()).singleElement().asString()
                .startsWith("rig check: no Pi4J GPIO provider on the class path (only Pi4J's mock); add ");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void missingRigOptionIsAUsageError() {
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new RigCommand());
        command.setErr(new PrintWriter(err, true));

        assertThat(command.execute("check")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required option: '--rig=FILE'");
    }
}
