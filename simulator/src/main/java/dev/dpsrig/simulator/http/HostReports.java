package dev.dpsrig.simulator.http;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The log lines the connection guard writes about a client host (a connection refused, a connection cut off): one per
 * host a minute at most, saying how many were held back since the last.
 */
final class HostReports {
    private static final Logger LOG = System.getLogger(ConnectionGuard.class.getName());
    private static final long REPORT_EVERY_NANOS = Duration.ofMinutes(1).toNanos();

    /** Per client host: when it was last reported, and how many reports were held back since. */
    private final Map<String, long[]> reported = new ConcurrentHashMap<>();

    /** Logs {@code message} about {@code host}, or counts it as held back when the host had a line this minute. */
    void report(String host, String message) {
        long now = System.nanoTime();
        long[] last = reported.computeIfAbsent(host, key -> new long[] {now - REPORT_EVERY_NANOS - 1, 0});
        long heldBack;
        synchronized (last) {
            if (now - last[0] <= REPORT_EVERY_NANOS) {
                last[1]++;
                return;
            }
            heldBack = last[1];
            last[0] = now;
            last[1] = 0;
        }
        LOG.log(Level.INFO, message + (heldBack == 0 ? "" : " (and " + heldBack + " more from " + host + " in the last minute)"));
    }

    /** Forgets the hosts last reported over a minute before {@code now} with nothing held back since. */
    void forgetQuiet(long now) {
        reported.values().removeIf(last -> now - last[0] > REPORT_EVERY_NANOS && last[1] == 0);
    }
}
