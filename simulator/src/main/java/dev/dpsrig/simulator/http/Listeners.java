package dev.dpsrig.simulator.http;

import dev.dpsrig.certs.HeldCertificate;
import dev.dpsrig.certs.TlsContexts;
import dev.dpsrig.simulator.fault.Endpoint;
import dev.dpsrig.simulator.fault.FaultInjector;
import io.helidon.common.socket.SocketOptions;
import io.helidon.common.tls.Tls;
import io.helidon.common.tls.TlsClientAuth;
import io.helidon.common.uri.UriPath;
import io.helidon.webserver.ListenerConfig;
import io.helidon.webserver.http1.Http1Config;
import java.time.Duration;
import java.util.function.Function;

/**
 * How each of the simulator's listeners is set up, apart from its routes: its TLS identity, its
 * connection deadlines and cap, and its request limits. {@link HttpListeners} sets the DPS's and the hubs'
 * listeners up with these.
 */
final class Listeners {
    /** The web server's own idle check, turned off: {@link ConnectionGuard} does it (it cannot be switched off, only made rare). */
    private static final Duration SERVER_IDLE_CHECK_OFF = Duration.ofDays(3650);
    private static final Duration SERVER_IDLE_CHECK_PERIOD = Duration.ofDays(1);

    private Listeners() {
    }

    /**
     * The development server identity; each port gets its own context so that a slow-handshake rule
     * can tell a DPS handshake from a hub's, and so that its connections are watched as that listener's.
     * The protocols and cipher suites are Azure's ({@link TlsContexts#serverCipherSuites()}).
     */
    static Tls serverTls(HeldCertificate identity, FaultInjector faults, Endpoint handshake, ConnectionGuard guard, String listener) {
        return Tls.builder()
                .sslContext(WatchedTls.watch(TlsContexts.serverAcceptingAnyClient(identity, () -> faults.handshakeDelay(handshake)
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
}
