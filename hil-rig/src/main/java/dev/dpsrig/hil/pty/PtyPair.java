package dev.dpsrig.hil.pty;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import dev.dpsrig.hil.RigException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A pseudo-terminal pair opened by this JVM ({@code posix_openpt}, {@code grantpt}, {@code unlockpt},
 * {@code ptsname_r}): its terminal is a real {@code /dev/pts/N} that anyone may open as a serial port,
 * and its master is held here, read and written through {@link #in()} and {@link #out()}. The terminal
 * is put in raw mode at once ({@code cfmakeraw}): every byte passes unchanged both ways, nothing is
 * echoed, no character is special.
 *
 * <p>The master behaves as a board's UART does towards a rig that opens and closes its port: reading it waits
 * until something is written to the terminal, through any number of openings and closings of the terminal
 * (the kernel answers a read with {@code EIO} while nobody holds the terminal open: that is a line with
 * nobody on the other end, not an error, and not the end of input). A read reports end of input only once
 * the pair is closed, within {@value #POLL_MILLIS} ms even when it is closed from another thread, and throws
 * {@link InterruptedIOException} when its thread is interrupted. Writing never waits for long: while nobody
 * holds the terminal open (after someone had), bytes are lost, as on a UART with nothing attached; and when
 * the terminal's buffer stays full for the write stall (nobody reads it), the rest of the write is lost too.
 * {@link #droppedBytes()} counts what was lost.
 */
public final class PtyPair implements AutoCloseable {
    static final int POLL_MILLIS = 50;
    static final Duration WRITE_STALL = Duration.ofSeconds(2);
    private static final int BUFFER_BYTES = 4096;
    private static final int TERMIOS_BYTES = 512;
    private static final int PTS_NAME_BYTES = 128;

    private final Posix posix;
    private final int master;
    private final Path terminal;
    private final Duration writeStall;
    /** Reads and writes hold it shared, one poll slice at a time; closing holds it alone, so the fd is never closed under them. */
    private final ReentrantReadWriteLock use = new ReentrantReadWriteLock();
    private final AtomicLong dropped = new AtomicLong();
    private final MasterInput in = new MasterInput();
    private final MasterOutput out = new MasterOutput();
    private volatile boolean closed;

    private PtyPair(Posix posix, int master, Path terminal, Duration writeStall) {
        this.posix = posix;
        this.master = master;
        this.terminal = terminal;
        this.writeStall = writeStall;
    }

    /**
     * Opens a pair with its terminal in raw mode.
     *
     * @throws RigException naming the call that failed, or saying that pseudo-terminals need Linux or macOS
     */
    public static PtyPair open() {
        return open(WRITE_STALL);
    }

    static PtyPair open(Duration writeStall) {
        Posix posix = Posix.get();
        LibC c = posix.c;
        int master;
        try {
            master = c.posix_openpt(Posix.O_RDWR | posix.noCtty);
        } catch (LastErrorException e) {
            throw new RigException("could not open a pseudo-terminal (posix_openpt): " + describe(e), e);
        }
        String step = "grantpt";
        try {
            c.grantpt(master);
            step = "unlockpt";
            c.unlockpt(master);
            step = "ptsname_r";
            Path terminal = terminalOf(posix, master);
            step = "raw mode (tcgetattr, cfmakeraw, tcsetattr)";
            // The master's terminal settings are its terminal's, on Linux and macOS alike: raw before anyone opens it.
            try (Memory termios = new Memory(TERMIOS_BYTES)) {
                termios.clear();
                c.tcgetattr(master, termios);
                c.cfmakeraw(termios);
                c.tcsetattr(master, Posix.TCSANOW, termios);
            }
            step = "fcntl";
            c.fcntl(master, Posix.F_SETFD, Posix.FD_CLOEXEC);
            c.fcntl(master, Posix.F_SETFL, c.fcntl(master, Posix.F_GETFL, 0) | posix.nonBlock);
            step = "poll";
            PtyPair pair = new PtyPair(posix, master, terminal, writeStall);
            try (Memory pollFd = new Memory(8)) {
                if ((pair.poll(pollFd, Posix.POLLOUT, 0) & Posix.POLLNVAL) != 0) {
                    throw new RigException("this system's poll() does not take pseudo-terminals, and reading one needs it");
                }
            }
            return pair;
        } catch (LastErrorException | RigException | IOException e) {
            closeQuietly(c, master);
            throw new RigException("could not set up a pseudo-terminal (" + step + "): "
                    + (e instanceof LastErrorException error ? describe(error) : e.getMessage()), e);
        }
    }

    private static Path terminalOf(Posix posix, int master) {
        byte[] name = new byte[PTS_NAME_BYTES];
        int result = posix.c.ptsname_r(master, name, new NativeLong(name.length));
        if (result != 0) {
            int errno = result > 0 ? result : Native.getLastError();
            throw new RigException("ptsname_r failed with error " + errno);
        }
        return Path.of(Native.toString(name));
    }

    /** The terminal, {@code /dev/pts/N}: the end a rig opens as a serial port. */
    public Path terminal() {
        return terminal;
    }

    /** What is written to the terminal. Closing it closes the pair. */
    public InputStream in() {
        return in;
    }

    /** What the terminal reads. Closing it closes the pair. */
    public OutputStream out() {
        return out;
    }

    /** Bytes written to the master that nobody could receive (see the class comment). */
    public long droppedBytes() {
        return dropped.get();
    }

    public boolean isOpen() {
        return !closed;
    }

    /** Closes the master; the terminal goes away with it, and whoever reads it sees end of input. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        use.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            closeQuietly(posix.c, master);
        } finally {
            use.writeLock().unlock();
        }
    }

    @Override
    public String toString() {
        return "pseudo-terminal pair " + terminal + (closed ? " (closed)" : "");
    }

    /** The events {@code poll} reports on the master within {@code millis}, 0 when none. Call with {@link #use} held. */
    private int poll(Memory pollFd, short events, int millis) throws IOException {
        pollFd.setInt(0, master);
        pollFd.setShort(4, events);
        pollFd.setShort(6, (short) 0);
        try {
            return posix.c.poll(pollFd, 1, millis) == 0 ? 0 : pollFd.getShort(6) & 0xFFFF;
        } catch (LastErrorException e) {
            if (e.getErrorCode() == Posix.EINTR) {
                return 0;
            }
            throw new IOException(terminal + ": poll on the master failed: " + describe(e), e);
        }
    }

    private boolean retryable(LastErrorException e) {
        return e.getErrorCode() == posix.eAgain || e.getErrorCode() == Posix.EINTR;
    }

    private static String describe(LastErrorException e) {
        return Objects.requireNonNullElse(e.getMessage(), "error " + e.getErrorCode());
    }

    private static void closeQuietly(LibC c, int fd) {
        try {
            c.close(fd);
        } catch (LastErrorException e) {
            // Nothing is left to release.
        }
    }

    private final class MasterInput extends InputStream {
        private final Memory buffer = new Memory(BUFFER_BYTES);
        private final Memory pollFd = new Memory(8);

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public synchronized int read(byte[] bytes, int offset, int length) throws IOException {
            Objects.checkFromIndexSize(offset, length, bytes.length);
            if (length == 0) {
                return 0;
            }
            while (true) {
                if (Thread.interrupted()) {
                    throw new InterruptedIOException("interrupted while reading the master of " + terminal);
                }
                boolean hungUp = false;
                use.readLock().lock();
                try {
                    if (closed) {
                        return -1;
                    }
                    int events = poll(pollFd, Posix.POLLIN, POLL_MILLIS);
                    if ((events & Posix.POLLNVAL) != 0) {
                        throw new IOException(terminal + ": the master is not open");
                    }
                    if ((events & Posix.POLLIN) != 0) {
                        long count = posix.c.read(master, buffer, new NativeLong(Math.min(length, BUFFER_BYTES))).longValue();
                        if (count > 0) {
                            buffer.read(0, bytes, offset, (int) count);
                            return (int) count;
                        }
                    }
                    // A hang-up with nothing left to read: poll answers at once until the terminal is opened again.
                    hungUp = (events & (Posix.POLLHUP | Posix.POLLERR)) != 0;
                } catch (LastErrorException e) {
                    if (e.getErrorCode() == Posix.EIO) {
                        hungUp = true;
                    } else if (!retryable(e)) {
                        throw new IOException(terminal + ": reading the master failed: " + describe(e), e);
                    }
                } finally {
                    use.readLock().unlock();
                }
                if (hungUp) {
                    waitForTheTerminal();
                }
            }
        }

        /** Nobody holds the terminal open: checks again after a poll slice, the pair's lock released meanwhile. */
        private void waitForTheTerminal() throws InterruptedIOException {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                throw new InterruptedIOException("interrupted while reading the master of " + terminal);
            }
        }

        @Override
        public void close() {
            PtyPair.this.close();
        }
    }

    private final class MasterOutput extends OutputStream {
        private final Memory buffer = new Memory(BUFFER_BYTES);
        private final Memory pollFd = new Memory(8);

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
            Objects.checkFromIndexSize(offset, length, bytes.length);
            long stalledSince = System.nanoTime();
            while (length > 0) {
                use.readLock().lock();
                try {
                    if (closed) {
                        throw new IOException(terminal + ": the pseudo-terminal pair is closed");
                    }
                    int events = poll(pollFd, Posix.POLLOUT, POLL_MILLIS);
                    if ((events & Posix.POLLNVAL) != 0) {
                        throw new IOException(terminal + ": the master is not open");
                    }
                    if ((events & Posix.POLLHUP) != 0
                            || (events & Posix.POLLOUT) == 0 && System.nanoTime() - stalledSince > writeStall.toNanos()) {
                        dropped.addAndGet(length); // nobody holds the terminal open, or nobody reads it
                        return;
                    }
                    if ((events & Posix.POLLOUT) == 0) {
                        continue;
                    }
                    int chunk = Math.min(length, BUFFER_BYTES);
                    buffer.write(0, bytes, offset, chunk);
                    long written = posix.c.write(master, buffer, new NativeLong(chunk)).longValue();
                    if (written > 0) {
                        offset += (int) written;
                        length -= (int) written;
                        stalledSince = System.nanoTime();
                    }
                } catch (LastErrorException e) {
                    if (e.getErrorCode() == Posix.EIO) {
                        dropped.addAndGet(length);
                        return;
                    }
                    if (!retryable(e)) {
                        throw new IOException(terminal + ": writing the master failed: " + describe(e), e);
                    }
                } finally {
                    use.readLock().unlock();
                }
            }
        }

        @Override
        public void close() {
            PtyPair.this.close();
        }
    }
}
