package dev.dpsrig.simulator.fuzz;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What the in-process server logged while the fuzzer ran, counted rather than printed: hostile input
 * that reaches a stack trace is a finding of its own (thousands of lines per request flood a bench's
 * log), and printing them would bury the report. The console handlers are quiet meanwhile; output
 * written straight to {@code System.err} is counted too.
 */
final class ServerLog implements AutoCloseable {
    private final Logger root = Logger.getLogger("");
    private final Map<Handler, Level> quieted = new IdentityHashMap<>();
    private final Counter counter = new Counter();
    private final PrintStream originalErr;
    private final AtomicLong errLines = new AtomicLong();

    private ServerLog() {
        for (Handler handler : root.getHandlers()) {
            quieted.put(handler, handler.getLevel());
            handler.setLevel(Level.OFF);
        }
        root.addHandler(counter);
        originalErr = System.err;
        System.setErr(new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                if (b == '\n') {
                    errLines.incrementAndGet();
                }
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                for (int i = offset; i < offset + length; i++) {
                    if (bytes[i] == '\n') {
                        errLines.incrementAndGet();
                    }
                }
            }
        }, true, StandardCharsets.UTF_8));
    }

    static ServerLog capture() {
        return new ServerLog();
    }

    record Summary(long records, long errors, long stackFrames, long stderrLines, Map<String, Long> firstMessages) {
        /** About as many lines as a console handler would have printed: two per record, one per frame. */
        long lines() {
            return records * 2 + stackFrames + stderrLines;
        }
    }

    Summary summary() {
        synchronized (counter) {
            return new Summary(counter.records, counter.errors, counter.frames, errLines.get(), new LinkedHashMap<>(counter.messages));
        }
    }

    @Override
    public void close() {
        System.setErr(originalErr);
        root.removeHandler(counter);
        quieted.forEach(Handler::setLevel);
    }

    private static final class Counter extends Handler {
        long records;
        long errors;
        long frames;
        final Map<String, Long> messages = new LinkedHashMap<>();

        @Override
        public synchronized void publish(LogRecord record) {
            records++;
            if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                errors++;
            }
            Throwable thrown = record.getThrown();
            List<Throwable> seen = new ArrayList<>();
            while (thrown != null && !seen.contains(thrown)) {
                seen.add(thrown);
                frames += thrown.getStackTrace().length + 1;
                thrown = thrown.getCause();
            }
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                String message = String.valueOf(record.getMessage());
                String key = (record.getThrown() == null ? "" : record.getThrown().getClass().getSimpleName() + ": ")
                        + (message.length() > 160 ? message.substring(0, 160) + "..." : message);
                if (messages.containsKey(key) || messages.size() < 12) {
                    messages.merge(key, 1L, Long::sum);
                }
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
