package dev.dpsrig.simulator.http;

import java.time.Duration;
import java.util.stream.Stream;

/**
 * How long a connection may keep the server waiting in each phase, from its {@link ConnectionLimits}, and what the
 * log says when one did.
 */
record ConnectionDeadlines(long handshakeNanos, long headNanos, long bodyNanos, long idleNanos) {
    /** {@code OPENED}: the handshake is done and no request has begun yet, which counts as the first request's head. */
    enum Phase { HANDSHAKE, OPENED, IDLE, HEAD, REQUEST, LINGER }

    static ConnectionDeadlines of(ConnectionLimits limits) {
        return new ConnectionDeadlines(limits.handshakeTimeout().toNanos(), limits.headTimeout().toNanos(),
                limits.bodyTimeout().toNanos(), limits.idleTimeout().toNanos());
    }

    /** How often the watchdog looks: a quarter of the shortest deadline, within 50 ms and a second. */
    static long tickMillis(ConnectionLimits limits) {
        long shortest = Stream.of(limits.handshakeTimeout(), limits.headTimeout(), limits.bodyTimeout(), limits.idleTimeout())
                .mapToLong(Duration::toMillis).min().orElseThrow();
        return Math.clamp(shortest / 4, 50, 1000);
    }

    /**
     * Why a connection is to be cut ("" for a plain idle close, which is no one's fault), or null: {@code elapsed}
     * in {@code phase}, or {@code bodyElapsed} since the server first read the body when it is reading it now.
     */
    String overdue(Phase phase, long elapsed, boolean inBodyRead, long bodyElapsed) {
        if (inBodyRead) {
            return bodyElapsed > bodyNanos ? "the request body did not arrive within " + seconds(bodyNanos)
                    + " (ConnectionLimits.bodyTimeout; dpsrig serve --body-timeout)" : null;
        }
        return switch (phase) {
            case HANDSHAKE -> elapsed > handshakeNanos ? "the TLS handshake did not complete within " + seconds(handshakeNanos)
                    + " (ConnectionLimits.handshakeTimeout; dpsrig serve --handshake-timeout)" : null;
            case HEAD -> elapsed > headNanos ? "the request head did not arrive within " + seconds(headNanos)
                    + " (ConnectionLimits.headTimeout; dpsrig serve --head-timeout)" : null;
            case OPENED -> elapsed > headNanos ? "no request arrived within " + seconds(headNanos) + " of the connection opening"
                    + " (ConnectionLimits.headTimeout; dpsrig serve --head-timeout)" : null;
            case IDLE -> elapsed > idleNanos ? "" : null;
            case REQUEST -> null;
            case LINGER -> elapsed > ConnectionGuard.LINGER.toNanos() ? "" : null;
        };
    }

    /** The body deadline in words, for the exception that ends a request whose body was cut off. */
    String body() {
        return seconds(bodyNanos);
    }

    private static String seconds(long nanos) {
        Duration duration = Duration.ofNanos(nanos);
        return duration.toMillisPart() == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}
