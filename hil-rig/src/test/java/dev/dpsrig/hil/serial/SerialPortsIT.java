package dev.dpsrig.hil.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dpsrig.hil.ConsoleTimeoutException;
import dev.dpsrig.hil.RecordingListener;
import dev.dpsrig.hil.RigException;
import dev.dpsrig.hil.RigListener;
import dev.dpsrig.hil.console.LineConsole;
import dev.dpsrig.hil.virtual.NullModem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The serial driver over a real pseudo-terminal pair: the rig opens its terminal with jSerialComm through a link,
 * the board is on the pair's master.
 */
class SerialPortsIT {
    private static final Duration PATIENT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private NullModem pair;
    private LineConsole rig;
    private LineConsole board;
    private final RecordingListener events = new RecordingListener();

    @BeforeEach
    void open() throws IOException, InterruptedException {
        pair = NullModem.open(dir.resolve("tty-a"));
        rig = SerialPorts.open(SerialSettings.of(new PortAddress.ByPath(pair.rigEnd())), "board-a", Clock.systemUTC(), events);
        board = pair.boardConsole("far end", Clock.systemUTC(), RigListener.NONE);
    }

    @AfterEach
    void close() {
        rig.close();
        board.close();
        pair.close();
    }

    @Test
    void linesGoBothWays() {
        rig.sendLine("version");
        assertThat(board.expect(Pattern.compile("^version$"), PATIENT).line()).isEqualTo("version");

        board.sendLine("fw 1.4.2 (2025-03-01)");
        assertThat(rig.expect(Pattern.compile("^fw (\\S+)"), PATIENT).group(1)).isEqualTo("1.4.2");
        assertThat(events.describe()).containsSubsequence("board-a CONSOLE_SENT version",
                "board-a CONSOLE_MATCHED /^fw (\\S+)/ fw 1.4.2 (2025-03-01)");
    }

    @Test
    void consoleIsNamedByTheLinkAndTheDeviceBehindIt() throws IOException {
        assertThat(rig.name()).isEqualTo(pair.rigEnd() + " (" + pair.rigEnd().toRealPath() + ")");
    }

    @Test
    void expectTimeoutCarriesThePatternAndWhatTheBoardSaid() {
        board.sendLine("booting");
        board.sendLine("waiting for network");
        rig.expect(Pattern.compile("waiting"), PATIENT);

        assertThatThrownBy(() -> rig.expect(Pattern.compile("assigned to"), Duration.ofMillis(300)))
                .isInstanceOf(ConsoleTimeoutException.class)
                .hasMessageStartingWith("no line matching /assigned to/ on " + pair.rigEnd())
                .hasMessageEndingWith("within 300 ms; its last lines were:\n  booting\n  waiting for network");
    }

    @Test
    void garbageOnTheLineShowsInTheTail() throws IOException {
        pair.boardOut().write(new byte[] {(byte) 0xFF, (byte) 0xC3, 'z', '\r', '\n'});
        pair.boardOut().flush();
        board.sendLine("ok");

        rig.expect(Pattern.compile("^ok$"), PATIENT);

        assertThat(rig.tail(2)).containsExactly("\uFFFD\uFFFDz", "ok");
    }

    @Test
    void aPortOpenAlreadyIsRefusedNamingIt() {
        assertThatThrownBy(() -> SerialPorts.open(SerialSettings.of(new PortAddress.ByPath(pair.rigEnd())), "board-b", Clock.systemUTC(), events))
                .isInstanceOf(RigException.class)
                .hasMessageStartingWith("could not open serial port " + pair.rigEnd())
                .hasMessageContaining("for board-b: ");
    }

    @Test
    void aMissingPathIsRefusedInsteadOfOpeningSomeOtherDevice() throws IOException {
        Path nowhere = dir.resolve("ttyUSB0");
        assertThatThrownBy(() -> SerialPorts.open(SerialSettings.of(new PortAddress.ByPath(nowhere)), "board-a", Clock.systemUTC(), events))
                .hasMessage("could not open serial port " + nowhere + ": no such file");

        Path dangling = Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("gone"));
        assertThatThrownBy(() -> SerialPorts.open(SerialSettings.of(new PortAddress.ByPath(dangling)), "board-a", Clock.systemUTC(), events))
                .hasMessage("could not open serial port " + dangling + ": no such file (the link points nowhere)");
    }

    @Test
    void aNonTerminalFileIsRefusedWithTheReason() throws IOException {
        Path plain = Files.writeString(dir.resolve("not-a-tty"), "");
        assertThatThrownBy(() -> SerialPorts.open(SerialSettings.of(new PortAddress.ByPath(plain)), "board-a", Clock.systemUTC(), events))
                .hasMessageStartingWith("could not open serial port " + plain + " for board-a: not a serial device");
    }

    @Test
    void unknownUsbSerialNumberListsThePortsFound() {
        assertThatThrownBy(() -> SerialPorts.open(SerialSettings.of(new PortAddress.ByUsbSerial("NO-SUCH-ADAPTER")), "board-a",
                Clock.systemUTC(), events))
                .isInstanceOf(RigException.class)
                .hasMessageMatching("no serial port has USB serial number NO-SUCH-ADAPTER; found (no serial ports at all|\\S+ \\(serial number .*\\).*)");
    }
}
