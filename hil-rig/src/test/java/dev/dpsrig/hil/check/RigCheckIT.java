package dev.dpsrig.hil.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dpsrig.hil.RigListener;
import dev.dpsrig.hil.cli.RigCommand;
import dev.dpsrig.hil.console.LineConsole;
import dev.dpsrig.hil.virtual.NullModem;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code rig check} against boards on real pseudo-terminals with mock GPIO. */
class RigCheckIT {
    @TempDir
    Path dir;

    private final List<AutoCloseable> opened = new ArrayList<>();

    private record Run(int exitCode, String out, String err) { }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : opened.reversed()) {
            closeable.close();
        }
    }

    private NullModem pair(String name) {
        NullModem pair = NullModem.open(dir.resolve(name + "-a"));
        opened.add(pair);
        return pair;
    }

    /** Firmware on the far end that answers "ping" with its version, for as long as the test runs. */
    private void answeringBoard(NullModem far) {
        answeringBoard(far, Duration.ZERO);
    }

    /** The same, but deaf for {@code booting} after the test starts it, as a board in its boot ROM is. */
    private void answeringBoard(NullModem far, Duration booting) {
        LineConsole console = far.boardConsole("far end", Clock.systemUTC(), RigListener.NONE);
        opened.add(console);
        long awake = System.nanoTime() + booting.toNanos();
        Thread firmware = Thread.ofVirtual().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    console.expect(Pattern.compile("^ping$"), Duration.ofMinutes(5));
                    if (System.nanoTime() < awake) {
                        continue;
                    }
                    console.sendLine("pong fw-1.2");
                } catch (RuntimeException e) {
                    return; // the console was closed at the end of the test
                }
            }
        });
        opened.add(firmware::interrupt);
    }

    /** Firmware on the far end with local echo: every line comes back, and "cat /etc/version" is answered after it. */
    private void echoingBoard(NullModem far) {
        LineConsole console = far.boardConsole("far end", Clock.systemUTC(), RigListener.NONE);
        opened.add(console);
        Thread firmware = Thread.ofVirtual().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    String line = console.expect(Pattern.compile(""), Duration.ofMinutes(5)).line();
                    console.sendLine(line);
                    if (line.equals("cat /etc/version")) {
                        console.sendLine("version 2.1");
                    }
                } catch (RuntimeException e) {
                    return;
                }
            }
        });
        opened.add(firmware::interrupt);
    }

    private Run check(Path rigFile) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new RigCommand());
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        int exitCode = command.execute("check", "--rig", rigFile.toString());
        return new Run(exitCode, out.toString(), err.toString());
    }

    private static String consoleBoard(String name, Path port, int powerPin, String timeout) {
        return "  - name: " + name + "\n"
                + "    serial: {port: " + port + "}\n"
                + "    gpio: {power: {pin: " + powerPin + "}, reset: {pin: " + (powerPin + 1) + ", active-low: true}}\n"
                + "    console: {boot: '^U-Boot', provisioned: 'assigned'}\n"
                + "    probe: {send: ping, expect: '^pong ', timeout: " + timeout + "}\n";
    }

    @Test
    void aBoardStillBootingWhenProbedIsAskedAgainAndPasses() throws Exception {
        NullModem pair = pair("late");
        answeringBoard(pair, Duration.ofMillis(2500));
        Path rigFile = Files.writeString(dir.resolve("rig.yaml"), "gpio: mock\nboards:\n" + consoleBoard("late", pair.rigEnd(), 17, "30s"));

        Run run = check(rigFile);

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out().lines().toList().get(1)).startsWith("late ").contains("pong fw-1.2").endsWith("PASS");
    }

    @Test
    void answeringConsoleBoardPasses() throws Exception {
        NullModem pair = pair("a");
        answeringBoard(pair);
        Path rigFile = Files.writeString(dir.resolve("rig.yaml"), "gpio: mock\nboards:\n" + consoleBoard("gateway", pair.rigEnd(), 17, "30s"));

        Run run = check(rigFile);

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).matches("BOARD +PORT +LINES +ANSWER +VERDICT");
        assertThat(lines.get(1)).startsWith("gateway  " + pair.rigEnd() + " 115200 8N1  power GPIO 17, reset GPIO 18 (active low)  pong fw-1.2")
                .endsWith("PASS");
    }

    @Test
    void everyBoardIsReportedAndAnyFailureFailsTheCheck() throws Exception {
        NullModem good = pair("good");
        answeringBoard(good);
        NullModem silent = pair("silent");
        NullModem tethered = pair("tethered");
        Path missing = dir.resolve("ttyUSB7");
        Path rigFile = Files.writeString(dir.resolve("rig.yaml"), "gpio: mock\nboards:\n"
                + consoleBoard("good", good.rigEnd(), 2, "30s")
                + consoleBoard("unplugged", missing, 4, "30s")
                + consoleBoard("silent", silent.rigEnd(), 6, "300ms")
                + "  - {name: keyholder, serial: {port: " + tethered.rigEnd() + "}, gpio: {power: {pin: 8}}, mode: tethered}\n");

        Run run = check(rigFile);

        assertThat(run.exitCode()).isEqualTo(1);
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(1)).startsWith("good ").endsWith("PASS");
        assertThat(lines.get(2)).startsWith("unplugged ").contains(missing + " 115200 8N1 (cannot open)").endsWith("FAIL");
        assertThat(lines.get(3)).startsWith("silent ").contains("no answer").endsWith("FAIL");
        assertThat(lines.get(4)).startsWith("keyholder ").endsWith("FAIL");
        assertThat(lines.subList(5, lines.size())).containsSubsequence(
                "unplugged: port: could not open serial port " + missing + ": no such file",
                "silent: answer: no line matching /^pong / on " + silent.rigEnd() + " (" + silent.rigEnd().toRealPath() + ") within 300 ms; it printed nothing");
        assertThat(lines.getLast()).startsWith("keyholder: answer: tethered HELLO").contains("3 attempts) failed: no reply within 2000 ms");
    }

    @Test
    void theEchoOfTheProbeLineIsNotTakenForTheAnswer() throws Exception {
        NullModem pair = pair("echo");
        echoingBoard(pair);
        Path rigFile = Files.writeString(dir.resolve("rig.yaml"), "gpio: mock\nboards:\n"
                + "  - name: echo\n"
                + "    serial: {port: " + pair.rigEnd() + "}\n"
                + "    gpio: {power: {pin: 5}}\n"
                + "    console: {boot: '^U-Boot', provisioned: 'assigned'}\n"
                + "    probe: {send: cat /etc/version, expect: 'version', timeout: 10s}\n");

        Run run = check(rigFile);

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out().lines().toList().get(1)).startsWith("echo ").contains("version 2.1").doesNotContain("cat /etc/version");
    }
}
