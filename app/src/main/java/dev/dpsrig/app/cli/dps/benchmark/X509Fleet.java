package dev.dpsrig.app.cli.dps.benchmark;

import dev.dpsrig.certs.FleetIdentities;
import dev.dpsrig.certs.HeldCertificate;
import dev.dpsrig.certs.TlsContexts;
import java.io.PrintWriter;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.IntStream;
import javax.net.ssl.SSLContext;

/**
 * X.509 devices whose TLS contexts are built before timing: {@link TlsContexts#client(HeldCertificate, List)}
 * spends milliseconds on key-store password hashing per call, client-side work that would otherwise dominate what
 * is meant to measure the server. The clients take the devices in turn.
 */
record X509Fleet(List<HeldCertificate> identities, List<SSLContext> contexts, AtomicLong next) {
    /** Issues {@code devices} identities from {@code issuer}, builds their contexts, and says how long each took. */
    static X509Fleet issue(HeldCertificate issuer, X509Certificate trustedRoot, int devices, PrintWriter out) {
        FleetIdentities fleet = FleetIdentities.builder().seed("dps-benchmark").idPattern("bench-x509-%05d").issuer(issuer).build();
        long started = System.nanoTime();
        List<HeldCertificate> identities = IntStream.range(0, devices).parallel().mapToObj(fleet::identity).toList();
        double issuing = (System.nanoTime() - started) / 1e9;
        started = System.nanoTime();
        LongAdder eachNanos = new LongAdder();
        List<SSLContext> contexts = identities.parallelStream().map(identity -> {
            long start = System.nanoTime();
            SSLContext context = TlsContexts.client(identity, List.of(trustedRoot));
            eachNanos.add(System.nanoTime() - start);
            return context;
        }).toList();
        double building = (System.nanoTime() - started) / 1e9;
        out.printf(Locale.ROOT, "X.509 fleet, before timing: %d EC P-256 devices issued in %.1f s; their TLS contexts built in %.1f s"
                + " (%.2f ms each)%n", devices, issuing, building, eachNanos.sum() / 1e6 / devices);
        out.flush();
        return new X509Fleet(identities, contexts, new AtomicLong());
    }

    /** The index of the device whose turn it is next, the devices taken in turn, round and round. */
    int nextDevice() {
        return (int) (next.getAndIncrement() % identities.size());
    }
}
