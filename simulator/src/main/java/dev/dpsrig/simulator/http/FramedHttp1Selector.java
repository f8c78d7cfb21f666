package dev.dpsrig.simulator.http;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataReader;
import io.helidon.common.buffers.DataWriter;
import io.helidon.common.socket.HelidonSocket;
import io.helidon.common.socket.PeerInfo;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.ListenerContext;
import io.helidon.webserver.ProxyProtocolData;
import io.helidon.webserver.Router;
import io.helidon.webserver.ServerConnectionException;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http1.Http1ConnectionSelector;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.spi.ServerConnectionSelector;
import io.helidon.webserver.websocket.WsConfig;
import io.helidon.webserver.websocket.WsUpgrader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;

/**
 * Helidon's HTTP/1.1 connection, reading the client's bytes through {@link RequestFraming}: HTTP/1.0
 * requests are answered rather than refused, and chunked framing is checked before Helidon reads
 * it. It takes every connection of its listener (HTTP/1.x is all the simulator speaks there), and upgrades a request
 * to a WebSocket the listener routes ({@link MqttOverWebSockets}).
 */
final class FramedHttp1Selector implements ServerConnectionSelector {
    private final Http1Config http1;
    private final Http1ConnectionSelector helidon;

    private final ConnectionGuard guard;

    FramedHttp1Selector(Http1Config http1, ConnectionGuard guard) {
        this.http1 = http1;
        this.guard = guard;
        this.helidon = Http1ConnectionSelector.builder().config(http1).addUpgrader(WsUpgrader.create(WsConfig.create())).build();
    }

    @Override
    public int bytesToIdentifyConnection() {
        return 0;
    }

    @Override
    public Support supports(BufferData data) {
        return Support.SUPPORTED;
    }

    @Override
    public Set<String> supportedApplicationProtocols() {
        return helidon.supportedApplicationProtocols();
    }

    @Override
    public ServerConnection connection(ConnectionContext ctx) {
        RequestFraming framing = new RequestFraming(http1.maxPrologueLength(), http1.maxHeadersSize(), authority(ctx.localPeer()));
        DataReader original = ctx.dataReader();
        HelidonSocket socket = ctx.serverSocket();
        DataReader framed = DataReader.create(() -> {
            while (true) {
                framing.failIfRefused();
                byte[] input = original.available() > 0
                        ? original.readBytes(original.available()) // what Helidon read to pick the protocol
                        : read(socket);
                if (input == null) {
                    byte[] rest = framing.flush();
                    return rest.length == 0 ? null : rest;
                }
                byte[] output = framing.next(input);
                if (output.length > 0) {
                    return output;
                }
            }
        });
        return new Lingering(helidon.connection(new Framed(ctx, framed)), framing, socket);
    }

    /** Bytes drained from one client at most; the time limit is what ends a drain in practice. */
    private static final long LINGER_BYTES = 512L << 20;

    /**
     * Helidon's connection, closed as nginx's lingering close does: when the server stops while the client is in
     * the middle of a request (a 413 before the body, a framing refusal), what the client still sends is read and
     * dropped for up to {@link ConnectionGuard#LINGER}, so that the close does not reset
     * the connection before the client has read the answer.
     */
    private final class Lingering implements ServerConnection {
        private final ServerConnection connection;
        private final RequestFraming framing;
        private final HelidonSocket socket;

        Lingering(ServerConnection connection, RequestFraming framing, HelidonSocket socket) {
            this.connection = connection;
            this.framing = framing;
            this.socket = socket;
        }

        @Override
        public void handle(io.helidon.common.concurrency.limits.Limit limit) throws InterruptedException {
            try {
                connection.handle(limit);
            } finally {
                lingerIfMidRequest();
            }
        }

        @Override
        @SuppressWarnings("deprecation")
        public void handle(java.util.concurrent.Semaphore requests) throws InterruptedException {
            try {
                connection.handle(requests);
            } finally {
                lingerIfMidRequest();
            }
        }

        private void lingerIfMidRequest() {
            if (framing.midRequest() && socket.isConnected()) {
                guard.linger(this::drain);
            }
        }

        private void drain() {
            long drained = 0;
            try {
                while (drained < LINGER_BYTES) {
                    byte[] data = socket.get();
                    if (data == null) {
                        return;
                    }
                    drained += data.length;
                }
            } catch (RuntimeException closedOrCut) {
                // the client closed, or the linger time ran out
            }
        }

        @Override
        public java.time.Duration idleTime() {
            return connection.idleTime();
        }

        @Override
        public void close(boolean interrupt) {
            connection.close(interrupt);
        }
    }

    /** The next bytes from the socket, null at its end; a failed read ends the connection, as Helidon's own reader does. */
    private static byte[] read(HelidonSocket socket) {
        try {
            return socket.get();
        } catch (UncheckedIOException e) {
            throw new ServerConnectionException("Failed to get data from socket", e);
        }
    }

    private static String authority(PeerInfo local) {
        SocketAddress address = local.address();
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            String host = inet.getAddress().getHostAddress();
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + inet.getPort();
        }
        return local.host() + ":" + local.port();
    }

    /** The connection as Helidon made it, but for the reader. */
    private record Framed(ConnectionContext delegate, DataReader dataReader) implements ConnectionContext {
        @Override
        public ListenerContext listenerContext() {
            return delegate.listenerContext();
        }

        @Override
        public ExecutorService executor() {
            return delegate.executor();
        }

        @Override
        public DataWriter dataWriter() {
            return delegate.dataWriter();
        }

        @Override
        public Router router() {
            return delegate.router();
        }

        @Override
        public Optional<ProxyProtocolData> proxyProtocolData() {
            return delegate.proxyProtocolData();
        }

        @Override
        public HelidonSocket serverSocket() {
            return delegate.serverSocket();
        }

        @Override
        public PeerInfo remotePeer() {
            return delegate.remotePeer();
        }

        @Override
        public PeerInfo localPeer() {
            return delegate.localPeer();
        }

        @Override
        public boolean isSecure() {
            return delegate.isSecure();
        }

        @Override
        public String socketId() {
            return delegate.socketId();
        }

        @Override
        public String childSocketId() {
            return delegate.childSocketId();
        }

        @Override
        public void log(System.Logger logger, System.Logger.Level level, String format, Object... parameters) {
            delegate.log(logger, level, format, parameters);
        }

        /** Helidon's warnings with a stack trace: the trace at most once a minute per distinct failure, else one line. */
        @Override
        public void log(System.Logger logger, System.Logger.Level level, String format, Throwable throwable, Object... parameters) {
            if (level.getSeverity() < System.Logger.Level.WARNING.getSeverity() || InternalErrors.traceDue(throwable)) {
                delegate.log(logger, level, format, throwable, parameters);
            } else {
                delegate.log(logger, level, format + " (" + throwable.toString().replace("%", "%%") + "; stack trace shown once a minute)",
                        parameters);
            }
        }
    }
}
