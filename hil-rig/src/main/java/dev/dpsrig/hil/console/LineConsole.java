package dev.dpsrig.hil.console;

import dev.dpsrig.hil.Console;
import dev.dpsrig.hil.ConsoleMatch;
import dev.dpsrig.hil.ConsoleTimeoutException;
import dev.dpsrig.hil.RigEvent;
import dev.dpsrig.hil.RigException;
import dev.dpsrig.hil.RigListener;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link Console} over any byte stream pair: a serial port, a pseudo-terminal, a pipe. A reader
 * thread splits what arrives into lines (LF or CRLF, decoded as UTF-8 with bad bytes replaced, so
 * line noise shows up rather than stopping the reader) and keeps them until an expectation consumes
 * them; the last {@value #TAIL_LINES} lines are kept for error messages whatever happened to them.
 */
public final class LineConsole implements Console {
    static final int TAIL_LINES = 200;
    private static final int MAX_LINE_BYTES = 16 * 1024;

    private final String name;
    private final String board;
    private final InputStream in;
    private final OutputStream out;
    private final Clock clock;
    private final RigListener listener;
    private final AutoCloseable onClose;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final Deque<Line> pending = new ArrayDeque<>();
    private final Deque<String> tail = new ArrayDeque<>();
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private volatile boolean closed;
    private boolean ended;
    /** Why reading stopped, for the message of an expectation that can no longer be met. */
    private String endedBecause = "it reached end of input";
    private final Thread reader;

    private record Line(String text, Instant at) { }

    /**
     * Starts reading {@code in} at once. {@code onClose} releases whatever the streams belong to (the
     * port, the file) when the console is closed.
     */
    public LineConsole(String name, String board, InputStream in, OutputStream out, Clock clock,
            RigListener listener, AutoCloseable onClose) {
        this.name = name;
        this.board = board;
        this.in = in;
        this.out = out;
        this.clock = clock;
        this.listener = listener;
        this.onClose = onClose;
        // A platform thread: a serial port's read is a native call that pins a virtual thread to its carrier
        // for as long as it loops, and two such consoles on a two-core machine starved every other virtual thread.
        this.reader = Thread.ofPlatform().daemon().name("console-" + name).start(this::readUntilClosed);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void sendLine(String line) {
        try {
            synchronized (out) {
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (IOException e) {
            throw new RigException("could not write to " + name + ": " + e.getMessage(), e);
        }
        emit(RigEvent.Kind.CONSOLE_SENT, line);
    }

    @Override
    public ConsoleMatch expect(Pattern pattern, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (true) {
                while (!pending.isEmpty()) {
                    Line line = pending.pollFirst();
                    Matcher matcher = pattern.matcher(line.text());
                    if (matcher.find()) {
                        ConsoleMatch match = ConsoleMatch.of(line.text(), line.at(), matcher);
                        emit(RigEvent.Kind.CONSOLE_MATCHED, "/" + pattern.pattern() + "/ " + line.text());
                        return match;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || ended || closed) {
                    ConsoleTimeoutException timedOut = new ConsoleTimeoutException(
                            name + (closed ? " (closed by the rig)" : ended ? " (" + endedBecause + ")" : ""), pattern, timeout,
                            tailLocked(20));
                    emit(RigEvent.Kind.CONSOLE_TIMEOUT, "/" + pattern.pattern() + "/ after " + timeout.toMillis() + " ms");
                    throw timedOut;
                }
                arrived.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RigException("interrupted while waiting for /" + pattern.pattern() + "/ on " + name, e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<String> tail(int lines) {
        lock.lock();
        try {
            return tailLocked(lines);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void discardPending() {
        lock.lock();
        try {
            pending.clear();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            onClose.close();
        } catch (Exception e) {
            throw new RigException("could not close " + name + ": " + e.getMessage(), e);
        } finally {
            reader.interrupt();
            lock.lock();
            try {
                arrived.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    private List<String> tailLocked(int lines) {
        List<String> all = new ArrayList<>(tail);
        if (partial.size() > 0) {
            all.add(partial.toString(StandardCharsets.UTF_8));
        }
        return List.copyOf(all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    private void readUntilClosed() {
        byte[] buffer = new byte[512];
        while (!closed) {
            int count;
            try {
                count = in.read(buffer);
            } catch (InterruptedIOException e) {
                continue; // a read timeout of the port: nothing arrived yet
            } catch (IOException e) {
                if (!closed) {
                    endedBecause = "reading it failed: " + e.getMessage(); // e.g. a USB adapter pulled out
                }
                break;
            }
            if (count < 0) {
                break;
            }
            if (count > 0) {
                accept(buffer, count);
            } else {
                pauseBriefly();
            }
        }
        lock.lock();
        try {
            ended = true;
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** A port in non-blocking mode answers 0 bytes at once; this keeps such a reader from spinning. */
    static void pauseBriefly() {
        try {
            TimeUnit.MILLISECONDS.sleep(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void accept(byte[] buffer, int count) {
        lock.lock();
        try {
            for (int i = 0; i < count; i++) {
                byte b = buffer[i];
                if (b == '\n' || partial.size() >= MAX_LINE_BYTES) {
                    completeLine();
                    if (b == '\n') {
                        continue;
                    }
                }
                partial.write(b);
            }
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void completeLine() {
        String text = partial.toString(StandardCharsets.UTF_8);
        partial.reset();
        if (text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1);
        }
        pending.addLast(new Line(text, clock.instant()));
        tail.addLast(text);
        if (tail.size() > TAIL_LINES) {
            tail.removeFirst();
        }
    }

    private void emit(RigEvent.Kind kind, String detail) {
        listener.event(new RigEvent(clock.instant(), board, kind, detail));
    }
}
