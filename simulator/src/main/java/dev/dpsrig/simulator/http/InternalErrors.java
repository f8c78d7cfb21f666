package dev.dpsrig.simulator.http;

import java.lang.System.Logger.Level;
import java.lang.System.Logger;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The log of the simulator's own bugs, as a request met them: one line each, with the tracking id
 * the 500 answer carries, and the stack trace of each distinct bug (its exception type and where it
 * was thrown) at most once a minute, so that a bug hit by every request of a fleet cannot flood the
 * log. The answer itself never holds more than the tracking id.
 */
final class InternalErrors {
    private static final Logger LOG = System.getLogger(InternalErrors.class.getName());
    private static final long TRACE_INTERVAL_NANOS = Duration.ofMinutes(1).toNanos();
    /** Distinct bugs remembered; past this the memory starts over rather than grow. */
    private static final int MAX_REMEMBERED = 1000;
    private static final Map<String, Long> LAST_TRACE = new ConcurrentHashMap<>();

    private InternalErrors() {
    }

    /** Logs the failure of one request and answers the tracking id to send. */
    static String report(String request, Throwable failure) {
        String trackingId = UUID.randomUUID().toString();
        String line = "internal error " + trackingId + " on " + request + ": " + failure;
        if (traceDue(signature(failure))) {
            LOG.log(Level.ERROR, line + " (stack trace shown at most once a minute for this error)", failure);
        } else {
            LOG.log(Level.ERROR, line);
        }
        return trackingId;
    }

    /**
     * Whether the stack trace of this failure, logged by the web server itself (a response that failed once
     * sent, say to a client that hung up), is due: once a minute per distinct failure, as for the simulator's own.
     */
    static boolean traceDue(Throwable failure) {
        return traceDue(signature(failure));
    }

    private static boolean traceDue(String signature) {
        long now = System.nanoTime();
        if (LAST_TRACE.size() > MAX_REMEMBERED) {
            LAST_TRACE.clear();
        }
        boolean[] due = {false};
        LAST_TRACE.compute(signature, (key, last) -> {
            if (last == null || now - last >= TRACE_INTERVAL_NANOS) {
                due[0] = true;
                return now;
            }
            return last;
        });
        return due[0];
    }

    /** The exception's type and the frame that threw it: the same bug gives the same signature whatever the request. */
    static String signature(Throwable failure) {
        StackTraceElement[] frames = failure.getStackTrace();
        return failure.getClass().getName() + (frames.length == 0 ? "" : " at " + frames[0]);
    }
}
