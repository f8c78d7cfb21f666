package dev.dpsrig.simulator.http;

import dev.dpsrig.certs.TlsContexts;
import dev.dpsrig.simulator.fault.Endpoint;
import dev.dpsrig.simulator.fault.FaultInjector;
import dev.dpsrig.simulator.server.DevelopmentTls;
import io.helidon.common.socket.SocketOptions;
import io.helidon.common.tls.Tls;
import io.helidon.common.tls.TlsClientAuth;
import io.helidon.common.uri.UriPath;
import io.helidon.webserver.ListenerConfig;
import io.helidon.webserver.http1.Http1Config;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.lang.System.Logger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * How each of the simulator's listeners is set up, apart from its routes: its TLS identity, its
 * connection deadlines and cap, its request limits, its IPv6 twin, and the check that its port is free.
 * {@link LocalSimulator} wires the DPS and the hubs from these.
 */
final class Listeners {
    private static final Logger LOG = System.getLogger(LocalSimulator.class.getName());
    /** The web server's own idle check, turned off: {@link ConnectionGuard} does it (it cannot be switched off, only made rare). */
    private static final Duration SERVER_IDLE_CHECK_OFF = Duration.ofDays(3650);
    private static final Duration SERVER_IDLE_CHECK_PERIOD = Duration.ofDays(1);
    static final String IPV6_LOOPBACK = "::1";

    private Listeners() {
    }

    /**
     * The development server identity; each port gets its own context so that a slow-handshake rule
     * can tell a DPS handshake from a hub's, and so that its connections are watched as that listener's.
     * The protocols and cipher suites are Azure's ({@link TlsContexts#serverCipherSuites()}).
     */
    static Tls serverTls(DevelopmentTls tls, FaultInjector faults, Endpoint handshake, ConnectionGuard guard, String listener) {
        return Tls.builder()
                .sslContext(WatchedTls.watch(TlsContexts.serverAcceptingAnyClient(tls.server(), () -> faults.handshakeDelay(handshake)
                        .ifPresent(delay -> guard.whileServerPauses(() -> pause(delay)))), guard, listener))
                .clientAuth(TlsClientAuth.OPTIONAL)
                .enabledProtocols(TlsContexts.SERVER_PROTOCOLS)
                .enabledCipherSuites(TlsContexts.serverCipherSuites())
                .build();
    }

    /**
     * Every listener's connection handling, in one place: the deadlines and the per-address cap of
     * {@link ConnectionGuard} (its accept hook in the socket options, its filter first in the routing), in place of
     * the web server's own idle check, which looks every 2 minutes, closes after 5, and cannot end a request half read.
     */
    static void connections(ListenerConfig.BuilderBase<?, ?> listener, ConnectionGuard guard, ConnectionGuard.Refusal refusal) {
        sockets(listener, guard);
        listener.routing().orElseThrow(() -> new IllegalStateException("a listener's routing comes before its connection handling"))
                .addFeature(guard.routing(refusal));
    }

    /** The part of {@link #connections} a listener without HTTP routing takes too: the guard's accept hook, the server's idle check off. */
    static void sockets(ListenerConfig.BuilderBase<?, ?> listener, ConnectionGuard guard) {
        listener.connectionOptions(guard.counting(SocketOptions.builder().tcpNoDelay(true).build()))
                .idleConnectionTimeout(SERVER_IDLE_CHECK_OFF)
                .idleConnectionPeriod(SERVER_IDLE_CHECK_PERIOD);
    }

    /**
     * The port to listen on at {@code [::1]} as well. A listener bound to 127.0.0.1, the address {@code localhost}
     * names, on a fixed port, also answers on IPv6 loopback, which {@code localhost} names too (and the server
     * certificate): clients that try {@code ::1} first then find the simulator there rather than a refusal. In the
     * SDK-compatible layout that is the DPS alone; hubs sit on 127.0.0.2 and after, which have no IPv6 counterpart,
     * and are advertised by those addresses. Without IPv6 loopback on this machine, nothing; with the port taken at
     * {@code [::1]}, a warning and IPv4 alone. A port picked at start (0, as tests use) is only known once bound, so
     * it is not paired.
     */
    static OptionalInt ipv6Loopback(EndpointLayout.Listener listener, String what) {
        if (listener.port() == 0) {
            return OptionalInt.empty();
        }
        try {
            if (!InetAddress.getByName(listener.bindAddress()).equals(InetAddress.getByName("127.0.0.1"))) {
                return OptionalInt.empty();
            }
        } catch (UnknownHostException e) {
            return OptionalInt.empty();
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(IPV6_LOOPBACK, listener.port()));
            return OptionalInt.of(listener.port());
        } catch (IOException e) {
            if (String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("already in use")) {
                LOG.log(Level.WARNING, "[::1]:" + listener.port() + " is taken by another process; the " + what
                        + " listens on 127.0.0.1:" + listener.port() + " only");
            }
            // Otherwise this machine has no IPv6 loopback ("cannot assign requested address", "protocol family unavailable").
            return OptionalInt.empty();
        }
    }

    /**
     * The limits every listener applies before routing, answered in the port's error format: the
     * request line and header size ({@link RequestLimits}), the largest body the port takes (past it,
     * 413 before the body is read), chunked framing checked as it arrives and HTTP/1.0 answered
     * ({@link FramedHttp1Selector}), and Helidon's own refusals in the API's JSON ({@link ApiDirectHandler}).
     * Other HTTP/1.1 and connection settings of the listeners belong here too.
     */
    static void limitRequests(ListenerConfig.BuilderBase<?, ?> listener, ErrorFormat errors,
                                      Function<UriPath, ApiFamily> families, long maxBody, ConnectionGuard guard) {
        Http1Config http1 = RequestLimits.http1();
        listener.addProtocol(http1);
        listener.addConnectionSelector(new FramedHttp1Selector(http1, guard));
        listener.maxPayloadSize(maxBody);
        listener.directHandlers(ApiDirectHandler.forPort(errors, families));
        listener.errorHandling(handling -> handling.includeEntity(true));
    }

    /** Handshakes run on the connection's virtual thread: waiting holds no platform thread. */
    static void pause(Duration delay) {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Helidon reports a listener that cannot bind in its log and starts anyway; checking first
     * turns the common case, a port already taken, into one clear message.
     */
    static void checkPortFree(EndpointLayout.Listener listener, String what) {
        if (listener.port() == 0) {
            return;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(listener.bindAddress(), listener.port()));
        } catch (IOException e) {
            throw new ListenException(describe(listener), what, e);
        }
    }

    static String describe(EndpointLayout.Listener listener) {
        return listener.bindAddress() + ":" + listener.port();
    }
}
