package dev.dpsrig.emulator.client;

import dev.dpsrig.certs.TlsContexts;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** TLS trust for the service API: a real DPS chains to a public root, the simulator to its development CA. */
public final class ServiceTrust {
    private ServiceTrust() {
    }

    /** The simulator: only its development root, so a stray public certificate cannot stand in for it. */
    public static SSLContext only(List<X509Certificate> roots) {
        return TlsContexts.client(roots);
    }

    /** A real DPS, or one behind a private CA (e.g. a TLS-inspecting proxy): the JDK's roots plus {@code extra}. */
    public static SSLContext jdkDefaultsPlus(List<X509Certificate> extra) {
        if (extra.isEmpty()) {
            try {
                // The default context honours -Djavax.net.ssl.trustStore, which a copy of its roots would not.
                return SSLContext.getDefault();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("this JDK has no default TLS context", e);
            }
        }
        List<X509Certificate> roots = new ArrayList<>(jdkRoots());
        roots.addAll(extra);
        return TlsContexts.client(roots);
    }

    private static List<X509Certificate> jdkRoots() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    return List.of(x509.getAcceptedIssuers());
                }
            }
            return List.of();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the JDK's trusted roots", e);
        }
    }
}
