package dev.dpsrig.hil.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dpsrig.hil.ConsoleMatch;
import dev.dpsrig.hil.ConsoleTimeoutException;
import dev.dpsrig.hil.RecordingListener;
import dev.dpsrig.hil.RigEvent;
import dev.dpsrig.hil.TickingClock;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A console over pipes: what the board writes on one pipe, what the rig sends on the other. */
class LineConsoleTest {
    private static final Duration PATIENT = Duration.ofSeconds(30);

    private final PipedOutputStream board = new PipedOutputStream();
    private final PipedInputStream sent = new PipedInputStream(64 * 1024);
    private final RecordingListener events = new RecordingListener();
    private final LineConsole console;

    LineConsoleTest() throws IOException {
        PipedInputStream fromBoard = new PipedInputStream(board, 64 * 1024);
        PipedOutputStream toBoard = new PipedOutputStream(sent);
        console = new LineConsole("pipe", "board-a", fromBoard, toBoard, new TickingClock(), events, () -> { });
    }

    @AfterEach
    void close() {
        console.close();
    }

    private void boardPrints(String text) throws IOException {
        board.write(text.getBytes(StandardCharsets.UTF_8));
        board.flush();
    }

    @Test
    void expectConsumesUpToTheMatchAndGivesGroups() throws IOException {
        boardPrints("U-Boot 2024.01\r\nstarting kernel\nassigned to hub-7.azure-devices.net\nafter\n");

        ConsoleMatch match = console.expect(Pattern.compile("assigned to (\\S+)"), PATIENT);

        assertThat(match.line()).isEqualTo("assigned to hub-7.azure-devices.net");
        assertThat(match.group(1)).isEqualTo("hub-7.azure-devices.net");
        assertThat(console.expect(Pattern.compile("."), PATIENT).line()).isEqualTo("after");
        assertThat(console.tail(10)).containsExactly("U-Boot 2024.01", "starting kernel", "assigned to hub-7.azure-devices.net", "after");
    }

    @Test
    void sendLineWritesTheLineAndALineFeed() throws IOException {
        console.sendLine("version");

        byte[] bytes = new byte[8];
        int read = sent.readNBytes(bytes, 0, 8);
        assertThat(new String(bytes, 0, read, StandardCharsets.UTF_8)).isEqualTo("version\n");
        assertThat(events.describe()).containsExactly("board-a CONSOLE_SENT version");
    }

    @Test
    void timeoutNamesThePatternAndShowsTheTailIncludingAnUnfinishedLine() throws IOException {
        boardPrints("booting\nwaiting for network\nretrying");
        console.expect(Pattern.compile("waiting"), PATIENT);

        assertThatThrownBy(() -> console.expect(Pattern.compile("assigned"), Duration.ofMillis(50)))
                .isInstanceOf(ConsoleTimeoutException.class)
                .hasMessage("no line matching /assigned/ on pipe within 50 ms; its last lines were:\n  booting\n  waiting for network\n  retrying")
                .satisfies(e -> assertThat(((ConsoleTimeoutException) e).tail()).endsWith("retrying"));
        assertThat(events.events()).extracting(RigEvent::kind).contains(RigEvent.Kind.CONSOLE_TIMEOUT);
    }

    @Test
    void garbageBytesShowInTheTailInsteadOfStoppingTheReader() throws IOException {
        board.write(new byte[] {'x', (byte) 0xFF, (byte) 0xFE, 'y', '\n'});
        boardPrints("ok\n");

        console.expect(Pattern.compile("^ok$"), PATIENT);

        assertThat(console.tail(2)).containsExactly("x\uFFFD\uFFFDy", "ok");
    }

    @Test
    void discardPendingForgetsLinesNotYetConsumedButNotTheTail() throws IOException, InterruptedException {
        boardPrints("stale\n");
        long deadline = System.nanoTime() + PATIENT.toNanos();
        while (!console.tail(1).contains("stale") && System.nanoTime() < deadline) {
            Thread.sleep(5); // test-side wait for the reader thread to take the line in
        }

        console.discardPending();
        boardPrints("fresh\n");

        assertThat(console.expect(Pattern.compile("stale|fresh"), PATIENT).line()).isEqualTo("fresh");
        assertThat(console.tail(2)).containsExactly("stale", "fresh");
    }

    @Test
    void endOfInputEndsAWaitAtOnceSayingSo() throws IOException {
        boardPrints("last words\n");
        board.close();

        assertThatThrownBy(() -> console.expect(Pattern.compile("assigned"), PATIENT))
                .hasMessageStartingWith("no line matching /assigned/ on pipe (it reached end of input)")
                .hasMessageContaining("last words");
    }

    @Test
    void aReadThatFailsEndsAWaitAtOnceNamingTheFailure() {
        InputStream unplugged = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("Input/output error");
            }
        };
        try (LineConsole pulled = new LineConsole("ttyUSB0", "board-a", unplugged, OutputStream.nullOutputStream(), new TickingClock(),
                events, () -> { })) {
            assertThatThrownBy(() -> pulled.expect(Pattern.compile("assigned"), PATIENT))
                    .hasMessageStartingWith("no line matching /assigned/ on ttyUSB0 (reading it failed: Input/output error)");
        }
    }

    @Test
    void aClosedConsoleSaysItWasClosed() {
        console.close();

        assertThatThrownBy(() -> console.expect(Pattern.compile("assigned"), PATIENT))
                .hasMessageStartingWith("no line matching /assigned/ on pipe (closed by the rig)");
    }
}
