package dev.dpsrig.simulator.http;

import dev.dpsrig.simulator.http.ConnectionDeadlines.Phase;
import io.helidon.common.socket.SocketOptions;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.HttpFeature;
import io.helidon.webserver.http.ServerResponse;
import java.lang.System.Logger.Level;
import java.lang.System.Logger;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Holds the connections of the simulator's listeners to their {@link ConnectionLimits}: a client that keeps the
 * server waiting (a handshake, a request head or a body trickled in, a connection left idle) is cut off, and a client
 * address that opens too many connections is refused.
 *
 * <p><b>Timeouts.</b> The web server puts no deadline on reading a request: a socket read timeout alone would not do
 * either, since a byte every few seconds resets it. So each connection has a phase and a deadline for the phase:
 * the TLS handshake from accept, the first request's head from the handshake's end, a later head from its first byte, the body from the server's first read of it, the idle
 * time between requests. {@link WatchedTls} reports the handshake's end and the bytes that arrive, a routing filter the
 * start and end of each request, and a wrapper of the request's body stream the reads. A watchdog looks every fraction
 * of a second, and a connection past its deadline <em>while it is waiting on its client</em> is cut: its thread, which
 * is blocked reading the socket, is interrupted, which closes the channel. Time the server spends on its own work (an
 * injected delay, a slow-handshake fault) never counts, and the server never interrupts a thread doing that work.
 *
 * <p><b>Cap.</b> Connections are counted per client address as they are accepted, across all listeners. Over the cap
 * a connection is still served one answer, 503 with {@code Retry-After} in the endpoint's own error format, and then
 * closed: SDKs back off on that, and its message says what to change. A client that keeps opening connections past
 * {@value #ANSWERED_BEYOND_CAP} more than the cap has them closed as soon as they are accepted.
 *
 * <p>Its parts: {@link ConnectionDeadlines} (the deadline of each phase), {@link ConnectionCap} (the count per
 * address), {@link GuardFeature} (the routing filter), {@link WatchedBody} (the body's reads) and {@link HostReports}
 * (what the log says about a client host); the guard keeps the connections, the watchdog that sweeps them, and each
 * connection's phase.
 */
final class ConnectionGuard implements AutoCloseable {
    private static final Logger LOG = System.getLogger(ConnectionGuard.class.getName());
    /** How long a connection the server closes with its request body unread is drained first ({@link #linger}). */
    static final java.time.Duration LINGER = java.time.Duration.ofSeconds(2);
    /** Connections beyond the cap that still get a 503; past them, connections are closed unanswered. */
    static final int ANSWERED_BEYOND_CAP = 100;
    /** What the 503 of a connection over the cap tells the client to wait. */
    static final int RETRY_AFTER_SECONDS = 5;

    private final ConnectionLimits limits;
    private final ConnectionDeadlines deadlines;
    /** The watched connections by the thread that serves each: its engine, filter and body reads all run there. */
    private final Map<Thread, Watched> connections = new ConcurrentHashMap<>();
    private final HostReports reports = new HostReports();
    private final ConnectionCap cap;
    private final ScheduledExecutorService watchdog;

    ConnectionGuard(ConnectionLimits limits) {
        this.limits = limits;
        this.deadlines = ConnectionDeadlines.of(limits);
        this.cap = new ConnectionCap(limits, reports);
        long tick = ConnectionDeadlines.tickMillis(limits);
        this.watchdog = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("dpsrig-connection-watchdog").factory());
        watchdog.scheduleWithFixedDelay(this::sweep, tick, tick, TimeUnit.MILLISECONDS);
    }

    /** The limits in force. */
    ConnectionLimits limits() {
        return limits;
    }

    /**
     * A connection the web server starts serving on this thread, from {@code listener}; empty for an engine the
     * server makes for itself (not on a connection's virtual thread).
     */
    Optional<Watched> open(String listener, String host, int port) {
        Thread thread = Thread.currentThread();
        if (!thread.isVirtual()) {
            return Optional.empty();
        }
        Watched connection = new Watched(thread, listener, host + ":" + port);
        connections.put(thread, connection);
        return Optional.of(connection);
    }

    /**
     * What to call, from any thread, once the connection this thread serves carries a long-lived session whose protocol
     * keeps its own time (MQTT, whose keep-alive the session watches): from then on no deadline of the guard applies
     * to it. Nothing happens for a connection the guard does not watch.
     */
    Runnable sessionStart() {
        Watched connection = connections.get(Thread.currentThread());
        return connection == null ? () -> { } : connection::requestStarted;
    }

    /** Why the connection between these addresses is refused service, when it is over its client address's cap. */
    Optional<String> overCapMessage(SocketAddress remote, SocketAddress local) {
        return cap.overCapMessage(remote, local);
    }

    /**
     * Runs {@code drain}, reading what the client still sends after the server answered and decided to close, for at
     * most {@link #LINGER}: closing with unread bytes makes the kernel reset the connection, and a client still
     * sending its body would lose the answer (a 413, a 400) with it. Only the thread's interrupt ends a drain that
     * outlasts it, which is also how {@code drain} learns to stop.
     */
    void linger(Runnable drain) {
        Watched connection = watchedHere();
        if (connection == null) {
            return;
        }
        if (connection.lingering()) {
            try {
                drain.run();
            } finally {
                Thread.interrupted(); // the drain's end, not the server's concern
            }
        }
    }

    /** Runs a pause of the server's own (an injected slow handshake) without counting it against the client. */
    void whileServerPauses(Runnable pause) {
        Watched connection = watchedHere();
        if (connection == null) {
            pause.run();
            return;
        }
        connection.pause(true);
        try {
            pause.run();
        } finally {
            connection.pause(false);
        }
    }

    /** The listener's socket options, counting each accepted connection against its client address's cap. */
    SocketOptions counting(SocketOptions options) {
        return new CountingSocketOptions(options, cap::accepted);
    }

    /**
     * The routing feature that marks each request's start and end and watches its body reads; its filter runs
     * before any other, so no request work happens before the connection is known to be in a request.
     */
    HttpFeature routing(Refusal refusal) {
        return new GuardFeature(this::watchedHere, cap, refusal);
    }

    /** How a listener answers a connection over the cap: status 503 and the message, in its own error format. */
    interface Refusal {
        void refuse(ServerResponse response, String message);
    }

    /** The connection served on this thread, or null. */
    private Watched watchedHere() {
        return connections.get(Thread.currentThread());
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
    }

    // ---- the watchdog -------------------------------------------------------------------------

    private void sweep() {
        try {
            long now = System.nanoTime();
            for (Watched connection : connections.values()) {
                if (!connection.thread.isAlive()) {
                    connections.remove(connection.thread, connection);
                } else {
                    connection.cutIfOverdue(now);
                }
            }
            cap.forgetClosed();
            reports.forgetQuiet(now);
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again; this one must keep running.
            LOG.log(Level.WARNING, "the connection watchdog failed a round: " + e);
        }
    }

    /** One connection: where it is, since when, and whether the server is waiting on its client. */
    final class Watched {
        private final Thread thread;
        private final String listener;
        private final String peer;
        private Phase phase = Phase.HANDSHAKE;
        private long phaseStart = System.nanoTime();
        /** When the server first read the current request's body; -1 before. */
        private long bodyStart = -1;
        private boolean inBodyRead;
        /** When the server paused on its own account; -1 when it is not pausing. */
        private long pausedAt = -1;
        private boolean cut;

        private Watched(Thread thread, String listener, String peer) {
            this.thread = thread;
            this.listener = listener;
            this.peer = peer;
        }

        private void enter(Phase next) {
            phase = next;
            phaseStart = System.nanoTime();
        }

        /** Starts the drain before a close; false when the connection was already cut. */
        synchronized boolean lingering() {
            if (cut) {
                return false;
            }
            enter(Phase.LINGER);
            return true;
        }

        synchronized void handshakeFinished() {
            if (phase == Phase.HANDSHAKE) {
                enter(Phase.OPENED);
            }
        }

        /** Application bytes arrived: the first of a request starts its head deadline. */
        synchronized void received() {
            if (phase == Phase.HANDSHAKE) {
                enter(Phase.OPENED);
            }
            if ((phase == Phase.IDLE || phase == Phase.OPENED) && !inBodyRead) {
                enter(Phase.HEAD);
            }
        }

        /** Application bytes sent while a head was being read: the server answered a head it could not route. */
        synchronized void sent() {
            if (phase == Phase.HEAD) {
                enter(Phase.IDLE);
            }
        }

        void requestStarted() {
            synchronized (this) {
                if (!cut) {
                    enter(Phase.REQUEST);
                    bodyStart = -1;
                    return;
                }
            }
            // Cut just as the head completed: the interrupt is not the request's to see.
            Thread.interrupted();
            throw new CloseConnectionException("the connection from " + peer + " was cut off while its request head arrived");
        }

        synchronized void requestEnded() {
            if (phase == Phase.REQUEST) {
                enter(Phase.IDLE);
            }
            bodyStart = -1;
        }

        void bodyReadStarted() {
            synchronized (this) {
                if (!cut) {
                    inBodyRead = true;
                    if (bodyStart < 0) {
                        bodyStart = System.nanoTime();
                    }
                    return;
                }
            }
            throw bodyCut();
        }

        void bodyReadEnded() {
            synchronized (this) {
                inBodyRead = false;
                if (!cut) {
                    return;
                }
            }
            throw bodyCut();
        }

        private CloseConnectionException bodyCut() {
            Thread.interrupted();
            return new CloseConnectionException("the request body from " + peer + " did not arrive within " + deadlines.body());
        }

        synchronized void pause(boolean paused) {
            if (paused) {
                pausedAt = System.nanoTime();
            } else if (pausedAt >= 0) {
                phaseStart += System.nanoTime() - pausedAt;
                pausedAt = -1;
            }
        }

        void closed() {
            connections.remove(thread, this);
        }

        private void cutIfOverdue(long now) {
            String reason;
            synchronized (this) {
                if (cut || pausedAt >= 0) {
                    return;
                }
                reason = deadlines.overdue(phase, now - phaseStart, inBodyRead, now - bodyStart);
                if (reason == null) {
                    return;
                }
                cut = true;
                thread.interrupt();
            }
            // Still registered until its thread closes it: a request starting in the meantime must find it cut.
            if (!reason.isEmpty()) {
                reports.report(peer.substring(0, peer.lastIndexOf(':')), "closed a connection from " + peer + " to the " + listener + ": "
                        + reason);
            }
        }
    }
}
