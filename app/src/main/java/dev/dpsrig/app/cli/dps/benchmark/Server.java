package dev.dpsrig.app.cli.dps.benchmark;

import dev.dpsrig.app.bench.BenchClients;
import dev.dpsrig.certs.TlsContexts;
import io.helidon.webclient.http1.Http1Client;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;

/** The in-process simulator's DPS, as its clients reach it. */
record Server(String baseUrl, String idScope, X509Certificate trustedRoot) {
    Http1Client client(SSLContext tls) {
        return BenchClients.client(baseUrl, tls);
    }

    /** A client that presents no certificate, as symmetric-key devices and plain requests do. */
    Http1Client anonymousClient() {
        return client(TlsContexts.client(List.of(trustedRoot)));
    }
}
