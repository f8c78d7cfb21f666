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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /** The case now on the wire: what the server logs from now on is tied to it. */
    void currentCase(int index) {
        counter.currentCase = index;
    }

    /**
     * @param firstMessages the warnings and errors, grouped by what they say, with how often each came
     * @param firstCases    for each of {@code firstMessages}, the case on the wire when it first came
     */
    record Summary(long records, long errors, long stackFrames, long stderrLines, Map<String, Long> firstMessages,
                   Map<String, Integer> firstCases) {
        /** About as many lines as a console handler would have printed: two per record, one per frame. */
        long lines() {
            return records * 2 + stackFrames + stderrLines;
        }
    }

    /** What the log says about the 500 answered with this tracking id: the failure, ids and numbers taken out. */
    java.util.Optional<String> failureFor(String trackingId) {
        synchronized (counter) {
            return java.util.Optional.ofNullable(counter.failures.get(trackingId));
        }
    }

    /** Ids, addresses and numbers out, so that one bug's lines read alike. */
    static String normalize(String text) {
        return text.replaceAll("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}", "ID")
                .replaceAll("0x[0-9a-fA-F]+", "0x?").replaceAll("[0-9][0-9,]*", "N");
    }

    Summary summary() {
        synchronized (counter) {
            return new Summary(counter.records, counter.errors, counter.frames, errLines.get(), new LinkedHashMap<>(counter.messages),
                    new LinkedHashMap<>(counter.firstCases));
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
        final Map<String, Integer> firstCases = new LinkedHashMap<>();
        volatile int currentCase = -1;
        /** The simulator's "internal error ID on REQUEST: FAILURE" lines, by tracking id. */
        final Map<String, String> failures = new LinkedHashMap<>();
        private static final Pattern INTERNAL_ERROR =
                Pattern.compile("internal error ([0-9a-fA-F-]{36}) on (.*?): (.*)", Pattern.DOTALL);

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
            String message = String.valueOf(record.getMessage());
            Matcher internal = INTERNAL_ERROR.matcher(message);
            if (internal.matches() && failures.size() < 100_000) {
                failures.put(internal.group(1), shorten(normalize(internal.group(3).replace(" (stack trace shown at most once a minute"
                        + " for this error)", "")), 140));
            }
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                String key = key(record, internal.matches() ? "internal error ID on " + internal.group(2) + ": " + internal.group(3) : message);
                if (messages.containsKey(key) || messages.size() < 16) {
                    messages.merge(key, 1L, Long::sum);
                    firstCases.putIfAbsent(key, currentCase);
                }
            }
        }

        /**
         * What groups a warning with its like: the exception's type (and its root cause's), then the message with ids,
         * numbers and the fuzzer's device ids out. A message the server shortened to one line (its stack trace shown once
         * a minute) names the exception at its end; it is grouped with the same message logged with its trace.
         */
        private static String key(LogRecord record, String message) {
            Throwable thrown = record.getThrown();
            String type = "";
            Matcher oneLine = ONE_LINE_TRACE.matcher(message);
            if (thrown != null) {
                Throwable root = thrown;
                while (root.getCause() != null && root.getCause() != root) {
                    root = root.getCause();
                }
                type = thrown.getClass().getSimpleName() + (root != thrown ? " (cause " + root.getClass().getSimpleName() + ": "
                        + shorten(normalize(String.valueOf(root.getMessage())), 80) + ")" : "") + ": ";
            } else if (oneLine.matches()) {
                String name = oneLine.group(2);
                type = name.substring(Math.max(name.lastIndexOf('.'), name.lastIndexOf('$')) + 1) + ": ";
                message = oneLine.group(1);
            }
            return type + shorten(normalize(message.replaceAll("/[^ /]*fz-[^ /]*", "/ID").replaceAll("/operations/[^ /]+", "/operations/ID")), 160);
        }

        /** A warning of the web server's whose stack trace was left out: "MESSAGE (EXCEPTION; stack trace shown once a minute)". */
        private static final Pattern ONE_LINE_TRACE = Pattern.compile("(.*?) \\(([\\w.$]+)(?::.*)?; stack trace shown once a minute\\)",
                Pattern.DOTALL);

        private static String shorten(String text, int limit) {
            return text.length() > limit ? text.substring(0, limit) + "..." : text;
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
