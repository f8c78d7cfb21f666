package dev.dpsrig.hil.console;

import dev.dpsrig.hil.RigException;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The log of a console session, both directions, one timestamped line each: {@code <instant> > line} for
 * what was sent to the board, {@code <instant> < line} for what it printed, and {@code <instant> # note}
 * for the session's own notes. Each line is written through at once, so a session ended by Ctrl-C leaves
 * a complete log. What the board printed is split at line feeds (a carriage return before one is dropped);
 * a line it had not finished is written when the session ends.
 */
public final class SessionLog implements AutoCloseable {
    private final Path file;
    private final Clock clock;
    private final BufferedWriter writer;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

    private SessionLog(Path file, Clock clock, BufferedWriter writer) {
        this.file = file;
        this.clock = clock;
        this.writer = writer;
    }

    /** Creates {@code file} (and its folders), or appends to it. */
    public static SessionLog open(Path file, Clock clock) {
        try {
            Path folder = file.toAbsolutePath().getParent();
            Files.createDirectories(folder);
            return new SessionLog(file, clock, Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND));
        } catch (IOException e) {
            throw new RigException("cannot write the console log " + file + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    /** A line sent to the board. */
    public synchronized void sent(String line) {
        write('>', line);
    }

    /** Bytes the board printed; complete lines are logged now. */
    public synchronized void received(byte[] bytes, int count) {
        for (int i = 0; i < count; i++) {
            if (bytes[i] == '\n') {
                receivedLine();
            } else {
                partial.write(bytes[i]);
            }
        }
    }

    /** A note of the session's own, e.g. how it ended. */
    public synchronized void note(String text) {
        write('#', text);
    }

    /** Logs a line the board had not finished, then closes the file. */
    @Override
    public synchronized void close() {
        if (partial.size() > 0) {
            receivedLine();
        }
        try {
            writer.close();
        } catch (IOException e) {
            throw new RigException("cannot close the console log " + file + ": " + e.getMessage(), e);
        }
    }

    private void receivedLine() {
        String text = partial.toString(StandardCharsets.UTF_8);
        partial.reset();
        write('<', text.endsWith("\r") ? text.substring(0, text.length() - 1) : text);
    }

    private void write(char direction, String text) {
        try {
            writer.write(clock.instant() + " " + direction + " " + text);
            writer.newLine();
            writer.flush();
        } catch (IOException e) {
            throw new RigException("cannot write the console log " + file + ": " + e.getMessage(), e);
        }
    }
}
