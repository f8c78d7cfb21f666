package dev.dpsrig.simulator.http;

import io.helidon.common.Weighted;
import io.helidon.common.socket.SocketOptions;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.HttpFeature;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerResponse;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.lang.System.Logger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

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
 */
final class ConnectionGuard implements AutoCloseable {
    private static final Logger LOG = System.getLogger(ConnectionGuard.class.getName());
    /** How long a connection the server closes with its request body unread is drained first ({@link #linger}). */
    static final java.time.Duration LINGER = java.time.Duration.ofSeconds(2);
    /** Connections beyond the cap that still get a 503; past them, connections are closed unanswered. */
    static final int ANSWERED_BEYOND_CAP = 100;
    /** What the 503 of a connection over the cap tells the client to wait. */
    static final int RETRY_AFTER_SECONDS = 5;
    private static final long REPORT_EVERY_NANOS = Duration.ofMinutes(1).toNanos();

    private final ConnectionLimits limits;
    private final long handshakeNanos;
    private final long headNanos;
    private final long bodyNanos;
    private final long idleNanos;
    /** The watched connections by the thread that serves each: its engine, filter and body reads all run there. */
    private final Map<Thread, Watched> connections = new ConcurrentHashMap<>();
    private final Map<InetAddress, Set<SocketChannel>> byAddress = new ConcurrentHashMap<>();
    private final Map<Peer, SocketChannel> overCap = new ConcurrentHashMap<>();
    /** Per client host: when it was last reported, and how many reports were held back since. */
    private final Map<String, long[]> reported = new ConcurrentHashMap<>();
    private final ScheduledExecutorService watchdog;

    ConnectionGuard(ConnectionLimits limits) {
        this.limits = limits;
        this.handshakeNanos = limits.handshakeTimeout().toNanos();
        this.headNanos = limits.headTimeout().toNanos();
        this.bodyNanos = limits.bodyTimeout().toNanos();
        this.idleNanos = limits.idleTimeout().toNanos();
        long shortest = Stream.of(limits.handshakeTimeout(), limits.headTimeout(), limits.bodyTimeout(), limits.idleTimeout())
                .mapToLong(Duration::toMillis).min().orElseThrow();
        long tick = Math.clamp(shortest / 4, 50, 1000);
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
     * The connection on this thread now carries a long-lived session whose protocol keeps its own time (MQTT, whose
     * keep-alive the session watches): from here on no deadline of the guard applies to it.
     */
    void sessionStarted() {
        Watched connection = connections.get(Thread.currentThread());
        if (connection != null) {
            connection.requestStarted();
        }
    }

    /**
     * Runs {@code drain}, reading what the client still sends after the server answered and decided to close, for at
     * most {@link #LINGER}: closing with unread bytes makes the kernel reset the connection, and a client still
     * sending its body would lose the answer (a 413, a 400) with it. Only the thread's interrupt ends a drain that
     * outlasts it, which is also how {@code drain} learns to stop.
     */
    void linger(Runnable drain) {
        Watched connection = connections.get(Thread.currentThread());
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
        Watched connection = connections.get(Thread.currentThread());
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
        return new CountingOptions(options);
    }

    /**
     * The routing feature that marks each request's start and end and watches its body reads; its filter runs
     * before any other, so no request work happens before the connection is known to be in a request.
     */
    HttpFeature routing(Refusal refusal) {
        return new Feature(refusal);
    }

    /** How a listener answers a connection over the cap: status 503 and the message, in its own error format. */
    interface Refusal {
        void refuse(ServerResponse response, String message);
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
    }

    // ---- the cap ------------------------------------------------------------------------------

    private record Peer(SocketAddress remote, SocketAddress local) {
    }

    private void accepted(SocketChannel channel) {
        InetSocketAddress remote;
        SocketAddress local;
        try {
            remote = (InetSocketAddress) channel.getRemoteAddress();
            local = channel.getLocalAddress();
        } catch (IOException e) {
            throw new UncheckedIOException("the accepted connection is gone already", e);
        }
        if (remote == null || !limits.caps(remote.getAddress())) {
            return;
        }
        int max = limits.maxConnectionsPerAddress();
        int[] open = new int[1];
        byAddress.compute(remote.getAddress(), (address, channels) -> {
            Set<SocketChannel> current = channels != null ? channels : new HashSet<>();
            if (current.size() >= max) {
                current.removeIf(other -> !other.isOpen());
            }
            open[0] = current.size();
            if (open[0] < max + ANSWERED_BEYOND_CAP) {
                current.add(channel);
            }
            return current;
        });
        if (open[0] < max) {
            return;
        }
        String host = remote.getAddress().getHostAddress();
        report(host, "refused a connection from " + host + ": it has " + open[0] + " open, the limit is " + max
                + " per client address (ConnectionLimits.maxConnectionsPerAddress; dpsrig serve --max-connections-per-address)");
        if (open[0] >= max + ANSWERED_BEYOND_CAP) {
            // The web server closes a connection whose socket options cannot be applied, before any handshake.
            throw new IllegalStateException("over the connection cap of " + host + ", closed unanswered");
        }
        overCap.put(new Peer(remote, local), channel);
    }

    private Optional<String> overCapMessage(RoutingRequest request) {
        return overCapMessage(request.remotePeer().address(), request.localPeer().address());
    }

    /** Why the connection between these addresses is refused service, when it is over its client address's cap. */
    Optional<String> overCapMessage(SocketAddress remote, SocketAddress local) {
        if (overCap.isEmpty() || !overCap.containsKey(new Peer(remote, local))) {
            return Optional.empty();
        }
        String host = remote instanceof InetSocketAddress address ? address.getAddress().getHostAddress() : remote.toString();
        return Optional.of("too many connections from " + host + ": the simulator takes " + limits.maxConnectionsPerAddress()
                + " per client address; close some, or retry after " + RETRY_AFTER_SECONDS
                + " s (dpsrig serve --max-connections-per-address)");
    }

    /** {@link SocketOptions} is how the web server lets a listener configure each accepted socket: the hook at accept. */
    private final class CountingOptions implements SocketOptions {
        private final SocketOptions options;

        CountingOptions(SocketOptions options) {
            this.options = options;
        }

        @Override
        public void configureSocket(SocketChannel socket) {
            options.configureSocket(socket);
            accepted(socket);
        }

        @Override
        public void configureSocket(Socket socket) {
            options.configureSocket(socket);
        }

        @Override
        public Map<SocketOption<?>, Object> socketOptions() {
            return options.socketOptions();
        }

        @Override
        public Duration connectTimeout() {
            return options.connectTimeout();
        }

        @Override
        public Duration readTimeout() {
            return options.readTimeout();
        }

        @Override
        public Optional<Integer> socketReceiveBufferSize() {
            return options.socketReceiveBufferSize();
        }

        @Override
        public Optional<Integer> socketSendBufferSize() {
            return options.socketSendBufferSize();
        }

        @Override
        public boolean socketReuseAddress() {
            return options.socketReuseAddress();
        }

        @Override
        public boolean socketKeepAlive() {
            return options.socketKeepAlive();
        }

        @Override
        public boolean tcpNoDelay() {
            return options.tcpNoDelay();
        }
    }

    // ---- requests -----------------------------------------------------------------------------

    private final class Feature implements HttpFeature, Weighted {
        private final Refusal refusal;

        Feature(Refusal refusal) {
            this.refusal = refusal;
        }

        /** Features are set up heaviest first, and the main routing's filters are added at the default weight. */
        @Override
        public double weight() {
            return Weighted.DEFAULT_WEIGHT * 10;
        }

        @Override
        public void setup(HttpRouting.Builder routing) {
            routing.addFilter((chain, request, response) -> filter(chain, request, response, refusal));
        }
    }

    private void filter(FilterChain chain, RoutingRequest request, RoutingResponse response, Refusal refusal) {
        Watched connection = connections.get(Thread.currentThread());
        if (connection == null) {
            chain.proceed();
            return;
        }
        connection.requestStarted();
        try {
            Optional<String> overCapMessage = overCapMessage(request);
            if (overCapMessage.isPresent()) {
                response.header(HeaderNames.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS));
                response.header(HeaderValues.CONNECTION_CLOSE);
                refusal.refuse(response, overCapMessage.get());
                throw new CloseConnectionException("over the connection cap of its client address; answered 503");
            }
            request.streamFilter(body -> new WatchedBody(body, connection));
            chain.proceed();
            // What the handler left of the body is read now, still under the body deadline, so the connection is
            // idle (and on the idle deadline) only once the next request could start.
            if (request.content().hasEntity() && !request.content().consumed()
                    && !response.headers().contains(HeaderValues.CONNECTION_CLOSE)) {
                request.content().consume();
            }
        } finally {
            connection.requestEnded();
        }
    }

    /** A request body whose reads are timed against the body deadline. */
    private static final class WatchedBody extends FilterInputStream {
        private final Watched connection;

        WatchedBody(InputStream body, Watched connection) {
            super(body);
            this.connection = connection;
        }

        @Override
        public int read() throws IOException {
            connection.bodyReadStarted();
            try {
                return in.read();
            } finally {
                connection.bodyReadEnded();
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            connection.bodyReadStarted();
            try {
                return in.read(buffer, offset, length);
            } finally {
                connection.bodyReadEnded();
            }
        }

        @Override
        public long skip(long count) throws IOException {
            connection.bodyReadStarted();
            try {
                return in.skip(count);
            } finally {
                connection.bodyReadEnded();
            }
        }
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
            for (InetAddress address : byAddress.keySet()) {
                byAddress.computeIfPresent(address, (key, channels) -> {
                    channels.removeIf(channel -> !channel.isOpen());
                    return channels.isEmpty() ? null : channels;
                });
            }
            overCap.values().removeIf(channel -> !channel.isOpen());
            reported.values().removeIf(last -> now - last[0] > REPORT_EVERY_NANOS && last[1] == 0);
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again; this one must keep running.
            LOG.log(Level.WARNING, "the connection watchdog failed a round: " + e);
        }
    }

    /** One line per client host a minute at most, saying how many were held back since the last. */
    private void report(String host, String message) {
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

    private static String seconds(long nanos) {
        Duration duration = Duration.ofNanos(nanos);
        return duration.toMillisPart() == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    /** {@code OPENED}: the handshake is done and no request has begun yet, which counts as the first request's head. */
    private enum Phase { HANDSHAKE, OPENED, IDLE, HEAD, REQUEST, LINGER }

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
            return new CloseConnectionException("the request body from " + peer + " did not arrive within " + seconds(bodyNanos));
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
                reason = overdue(now);
                if (reason == null) {
                    return;
                }
                cut = true;
                thread.interrupt();
            }
            // Still registered until its thread closes it: a request starting in the meantime must find it cut.
            if (!reason.isEmpty()) {
                report(peer.substring(0, peer.lastIndexOf(':')), "closed a connection from " + peer + " to the " + listener + ": "
                        + reason);
            }
        }

        /** Why the connection is to be cut ("" for a plain idle close, which is no one's fault), or null. */
        private String overdue(long now) {
            if (inBodyRead) {
                return now - bodyStart > bodyNanos ? "the request body did not arrive within " + seconds(bodyNanos)
                        + " (ConnectionLimits.bodyTimeout; dpsrig serve --body-timeout)" : null;
            }
            long elapsed = now - phaseStart;
            return switch (phase) {
                case HANDSHAKE -> elapsed > handshakeNanos ? "the TLS handshake did not complete within " + seconds(handshakeNanos)
                        + " (ConnectionLimits.handshakeTimeout; dpsrig serve --handshake-timeout)" : null;
                case HEAD -> elapsed > headNanos ? "the request head did not arrive within " + seconds(headNanos)
                        + " (ConnectionLimits.headTimeout; dpsrig serve --head-timeout)" : null;
                case OPENED -> elapsed > headNanos ? "no request arrived within " + seconds(headNanos) + " of the connection opening"
                        + " (ConnectionLimits.headTimeout; dpsrig serve --head-timeout)" : null;
                case IDLE -> elapsed > idleNanos ? "" : null;
                case REQUEST -> null;
                case LINGER -> elapsed > LINGER.toNanos() ? "" : null;
            };
        }
    }
}
