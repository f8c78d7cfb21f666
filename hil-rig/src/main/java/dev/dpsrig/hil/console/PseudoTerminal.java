package dev.dpsrig.hil.console;

import dev.dpsrig.hil.RigException;
import dev.dpsrig.hil.RigListener;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One end of a pseudo-terminal (or any tty) opened as plain files, the way firmware on a UART sees its
 * line: bytes in, bytes out, no serial library. The terminal is put in raw mode first with
 * {@code stty raw -echo min 1 time 0}: a terminal left at {@code min 0} (jSerialComm leaves it so) answers
 * a read with 0 bytes at once, which {@link FileInputStream} reports as end of input.
 *
 * <p>A thread blocked reading the terminal is not woken by {@link #close()}; it ends when the other side of
 * the pair goes away (the read then fails), so close the pair (e.g. its {@link dev.dpsrig.hil.virtual.NullModem}) last.
 */
public final class PseudoTerminal implements AutoCloseable {
    private static final Duration STTY_TIMEOUT = Duration.ofSeconds(10);

    private final Path path;
    private final FileInputStream in;
    private final FileOutputStream out;

    private PseudoTerminal(Path path, FileInputStream in, FileOutputStream out) {
        this.path = path;
        this.in = in;
        this.out = out;
    }

    /** Opens {@code path} for reading and writing, in raw mode; names it in every error. */
    public static PseudoTerminal open(Path path) {
        if (!Files.exists(path)) {
            throw new RigException(path + ": no such terminal (is the pseudo-terminal pair running?)");
        }
        rawMode(path);
        FileInputStream in = null;
        try {
            in = new FileInputStream(path.toFile());
            return new PseudoTerminal(path, in, new FileOutputStream(path.toFile()));
        } catch (IOException e) {
            closeQuietly(in);
            throw new RigException(path + ": cannot open the terminal: " + e.getMessage(), e);
        }
    }

    public Path path() {
        return path;
    }

    public InputStream in() {
        return in;
    }

    public OutputStream out() {
        return out;
    }

    /** A console over this terminal, which closes the terminal when it is closed. */
    public LineConsole console(String board, Clock clock, RigListener listener) {
        return new LineConsole(path.toString(), board, in, out, clock, listener, this);
    }

    @Override
    public void close() {
        closeQuietly(out);
        closeQuietly(in);
    }

    private static void rawMode(Path path) {
        ProcessBuilder stty = new ProcessBuilder("stty", "raw", "-echo", "min", "1", "time", "0")
                .redirectInput(path.toFile())
                .redirectErrorStream(true);
        try {
            Process process = stty.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(STTY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new RigException(path + ": stty did not finish within " + STTY_TIMEOUT.toSeconds() + " s");
            }
            if (process.exitValue() != 0) {
                throw new RigException(path + ": not a terminal, or it cannot be put in raw mode (stty: " + output + ")");
            }
        } catch (IOException e) {
            throw new RigException(path + ": cannot run stty to put the terminal in raw mode: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RigException(path + ": interrupted while putting the terminal in raw mode", e);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            // Closing a terminal whose other end is gone fails; there is nothing left to release.
        }
    }
}
