package dev.dpsrig.app.cli.fleet.benchmark;

import dev.dpsrig.app.bench.BenchClients;
import dev.dpsrig.app.bench.Load;
import dev.dpsrig.app.bench.Operation;
import dev.dpsrig.app.bench.Outcome;
import dev.dpsrig.app.bench.Phase;
import dev.dpsrig.certs.FleetIdentities;
import dev.dpsrig.certs.HeldCertificate;
import dev.dpsrig.certs.TlsContexts;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.http1.Http1Client;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.stream.IntStream;
import javax.net.ssl.SSLContext;

/**
 * The yardsticks the fleets are held to, measured on the same server in the same run: plain keep-alive requests,
 * and requests each on a new connection with a full mutual-TLS handshake.
 */
final class RawRates {
    private RawRates() {
    }

    /** Keep-alive GETs answered 401, one client per worker; answers the requests per second. */
    static double requests(FleetBench bench) throws InterruptedException, ExecutionException {
        String path = path(bench);
        SSLContext anonymous = TlsContexts.client(List.of(bench.simulator().trustedRoot()));
        List<Http1Client> clients = IntStream.range(0, bench.concurrency())
                .mapToObj(i -> BenchClients.client(bench.simulator().dpsBaseUrl(), anonymous)).toList();
        try {
            List<Operation> ops = clients.stream().<Operation>map(client -> () -> {
                try (HttpClientResponse response = client.get(path).request()) {
                    response.as(String.class);
                    return response.status().code() == 401 ? Outcome.expected()
                            : Outcome.unexpected("answered " + response.status().code() + ", not 401");
                }
            }).toList();
            Phase warm = Load.repeat(bench.warmup(), ops);
            Phase measured = Load.repeat(bench.measured(), ops);
            bench.report("raw HTTPS keep-alive GET -> 401", "requests/s", measured, Optional.of(warm));
            return measured.expectedPerSecond();
        } finally {
            clients.forEach(Http1Client::closeResource);
        }
    }

    /** A GET per new connection, each a full handshake with a device certificate; answers the handshakes per second. */
    static double handshakes(FleetBench bench, HeldCertificate intermediate) throws InterruptedException, ExecutionException {
        FleetIdentities fleet = FleetIdentities.builder().seed("raw-handshakes").idPattern("raw-tls-%05d").issuer(intermediate).build();
        List<X509Certificate> trusted = List.of(bench.simulator().trustedRoot());
        List<SSLContext> contexts = IntStream.range(0, bench.concurrency()).parallel()
                .mapToObj(i -> TlsContexts.client(fleet.identity(i), trusted)).toList();
        String path = path(bench);
        List<Operation> ops = contexts.stream().<Operation>map(context -> () -> {
            Http1Client client = BenchClients.client(bench.simulator().dpsBaseUrl(), context);
            try (HttpClientResponse response = client.get(path).request()) {
                response.as(String.class);
                int status = response.status().code();
                return status >= 400 && status < 500 ? Outcome.expected() : Outcome.unexpected("answered " + status + ", not 4xx");
            } finally {
                client.closeResource();
                BenchClients.forgetSessions(context);
            }
        }).toList();
        Phase warm = Load.repeat(bench.warmup(), ops);
        Phase measured = Load.repeat(bench.measured(), ops);
        bench.report("raw full mTLS handshake + GET (EC P-256)", "handshakes/s", measured, Optional.of(warm));
        return measured.expectedPerSecond();
    }

    /** The cheapest answer of the DPS port that still passes routing and the DPS error path. */
    private static String path(FleetBench bench) {
        return "/" + bench.simulator().idScope() + "/registrations/x/operations/unknown?api-version=2021-06-01";
    }
}
