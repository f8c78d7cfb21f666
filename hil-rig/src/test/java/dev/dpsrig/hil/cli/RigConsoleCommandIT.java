package dev.dpsrig.hil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dpsrig.hil.RigEvent;
import dev.dpsrig.hil.virtual.ConsoleShell;
import dev.dpsrig.hil.virtual.NullModem;
import dev.dpsrig.hil.virtual.VirtualBoard;
import dev.dpsrig.hil.virtual.WireOutput;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code rig console} on the rig's end of a real pseudo-terminal pair, opened through jSerialComm, with a
 * virtual console board on the other end: lines typed reach the board, its answers reach the screen, and
 * the log holds both directions.
 */
class RigConsoleCommandIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String TIMESTAMP = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z";

    @TempDir
    Path dir;

    private NullModem modem;
    private VirtualBoard board;
    private Path rigFile;
    private final PipedOutputStream keyboard = new PipedOutputStream();
    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
    private final StringWriter err = new StringWriter();
    private final AtomicInteger exitCode = new AtomicInteger(-1);
    private Thread session;

    @BeforeEach
    void bench() throws Exception {
        modem = NullModem.open(dir.resolve("ttyV0"));
        WireOutput power = new WireOutput("relay", true);
        board = VirtualBoard.builder("gateway", modem.boardIn(), modem.boardOut(), power, ConsoleShell.around(line -> { }, "5.0.2"))
                .lineName(modem.boardName()).bootDelay(Duration.ZERO).start();
        awaitFirmware();
        rigFile = Files.writeString(dir.resolve("rig.yaml"), "gpio: mock\nboards:\n"
                + "  - {name: gateway, serial: {port: " + modem.rigEnd() + "}, gpio: {power: {pin: 17}}, mode: tethered}\n");
    }

    @AfterEach
    void unplug() throws Exception {
        keyboard.close();
        if (session != null) {
            session.join(WAIT);
        }
        board.close();
        modem.close();
    }

    private void awaitFirmware() throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (board.log().stream().noneMatch(event -> event.kind() == RigEvent.Kind.NOTE && event.detail().equals("firmware started"))) {
            assertThat(System.nanoTime()).as("the virtual board did not boot").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private void start(Path log) throws IOException {
        RigConsoleCommand console = new RigConsoleCommand(new PipedInputStream(keyboard), screen);
        CommandLine command = new CommandLine(console);
        command.setErr(new PrintWriter(err, true));
        session = Thread.ofPlatform().name("rig-console").start(() -> exitCode.set(command.execute("gateway", "--rig",
                rigFile.toString(), "--log", log.toString())));
    }

    private void type(String line) throws IOException {
        keyboard.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
    }

    private void awaitScreen(String text) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!screenText().contains(text)) {
            assertThat(System.nanoTime()).as("'" + text + "' never reached the screen; it shows:\n" + screenText()).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private String screenText() {
        synchronized (screen) {
            return screen.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void linesTypedReachTheBoardAndItsAnswersTheScreenAndTheLog() throws Exception {
        Path log = dir.resolve("logs").resolve("gateway.log");
        start(log);

        type("version");
        awaitScreen("fw 5.0.2\n");
        type("help");
        awaitScreen(ConsoleShell.HELP + "\n");
        type("~.");
        session.join(WAIT);

        assertThat(exitCode.get()).as(err.toString()).isZero();
        assertThat(err.toString()).startsWith("gateway: connected to " + modem.rigEnd());
        assertThat(screenText()).endsWith("version\nfw 5.0.2\nhelp\n" + ConsoleShell.HELP + "\n");
        List<String> logged = Files.readAllLines(log);
        assertThat(logged).allSatisfy(line -> assertThat(line).matches(TIMESTAMP + " [<>#] .*"));
        assertThat(logged.stream().map(line -> line.substring(line.indexOf(' ') + 1)).toList()).containsSubsequence(
                "# console of gateway on " + modem.rigEnd() + " (" + modem.rigEnd().toRealPath() + ") 115200 8N1",
                "> version", "< version", "< fw 5.0.2",
                "> help", "< help", "< " + ConsoleShell.HELP,
                "# session ended: ~.")
                .filteredOn(line -> line.startsWith(">")).containsExactly("> version", "> help");
    }

    @Test
    void endOfInputEndsTheSession() throws Exception {
        Path log = dir.resolve("gateway.log");
        start(log);

        type("version");
        awaitScreen("fw 5.0.2\n");
        keyboard.close();
        session.join(WAIT);

        assertThat(session.isAlive()).isFalse();
        assertThat(exitCode.get()).as(err.toString()).isZero();
        assertThat(Files.readAllLines(log).getLast()).endsWith(" # session ended: end of input");
    }
}
