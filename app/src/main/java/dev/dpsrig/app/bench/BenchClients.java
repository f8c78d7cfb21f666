package dev.dpsrig.app.bench;

import io.helidon.common.tls.Tls;
import io.helidon.webclient.http1.Http1Client;
import java.time.Duration;
import java.util.Collections;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;

/** The HTTPS clients the benchmarks measure the server with, built alike so their figures compare. */
public final class BenchClients {
    private BenchClients() {
    }

    /**
     * A client with its own connection cache, so that a worker's connections are its own and closing the client closes
     * them; TCP_NODELAY, because Nagle's algorithm holds small TLS records back for a delayed ACK, tens of ms each.
     */
    public static Http1Client client(String baseUrl, SSLContext tls) {
        return Http1Client.builder()
                .baseUri(baseUrl)
                .tls(Tls.builder().sslContext(tls).build())
                .shareConnectionCache(false)
                .socketOptions(socket -> socket.tcpNoDelay(true))
                .connectTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofSeconds(30))
                .build();
    }

    /**
     * Drops the TLS sessions a client context has cached. A context reused for a device's next turn would otherwise
     * resume its session rather than handshake, and a benchmark of full handshakes would measure resumptions.
     */
    public static void forgetSessions(SSLContext context) {
        SSLSessionContext sessions = context.getClientSessionContext();
        for (byte[] id : Collections.list(sessions.getIds())) {
            SSLSession session = sessions.getSession(id);
            if (session != null) {
                session.invalidate();
            }
        }
    }
}
