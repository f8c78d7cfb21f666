package dev.dpsrig.hil.console;

import dev.dpsrig.hil.RigException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A person at a board's console, as {@code cu} or {@code labgrid-client console} gives one: what the board
 * prints goes to the screen as it arrives, byte for byte (a prompt shows before its line ends); each line
 * typed goes to the board, followed by a line feed. Both directions are kept in a {@link SessionLog}. The
 * session ends at the end of the keyboard's input (Ctrl-D) or at a line that is only {@value #ESCAPE}.
 */
public final class ConsoleSession {
    /** The line that ends a session, as in {@code cu}. */
    public static final String ESCAPE = "~.";
    /** How long the end of a session waits for the board's last bytes to be copied: longer than a port's read timeout. */
    private static final Duration DRAIN = Duration.ofSeconds(2);

    private final InputStream fromBoard;
    private final OutputStream toBoard;
    private final SessionLog log;

    /** A session over the board's line {@code fromBoard}/{@code toBoard}, logged to {@code log}. */
    public ConsoleSession(InputStream fromBoard, OutputStream toBoard, SessionLog log) {
        this.fromBoard = fromBoard;
        this.toBoard = toBoard;
        this.log = log;
    }

    /** Copies the board to {@code screen} and {@code keyboard} to the board until the session ends; says why it ended. */
    public String run(BufferedReader keyboard, OutputStream screen) {
        Thread copier = Thread.ofPlatform().daemon().name("console-to-screen").start(() -> copyBoardTo(screen));
        try {
            String ended = typeUntilEnd(keyboard);
            log.note("session ended: " + ended);
            return ended;
        } finally {
            copier.interrupt();
            try {
                copier.join(DRAIN);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private String typeUntilEnd(BufferedReader keyboard) {
        try {
            for (String line = keyboard.readLine(); line != null; line = keyboard.readLine()) {
                if (line.equals(ESCAPE)) {
                    return ESCAPE;
                }
                log.sent(line);
                toBoard.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                toBoard.flush();
            }
            return "end of input";
        } catch (IOException e) {
            throw new RigException("the console line failed: " + e.getMessage(), e);
        }
    }

    private void copyBoardTo(OutputStream screen) {
        byte[] buffer = new byte[512];
        while (!Thread.currentThread().isInterrupted()) {
            int count;
            try {
                count = fromBoard.read(buffer);
            } catch (InterruptedIOException nothingYet) {
                continue;
            } catch (IOException e) {
                log.note("the board's line failed: " + e.getMessage());
                return;
            }
            if (count < 0) {
                log.note("the board's line closed");
                return;
            }
            if (count == 0) {
                LineConsole.pauseBriefly();
                continue;
            }
            log.received(buffer, count);
            try {
                screen.write(buffer, 0, count);
                screen.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
