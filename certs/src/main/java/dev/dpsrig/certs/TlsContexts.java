package dev.dpsrig.certs;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * TLS contexts built from held certificates, for both ends of a connection.
 *
 * <p>The server side mirrors what Azure DPS does with client certificates: it asks every client
 * for one, accepts any chain at the TLS layer, and leaves the decision to the application, which
 * can then answer 401 with a reason. A trust manager that rejected unknown chains would end the
 * handshake instead, and some JSSE clients would send no certificate at all when the server
 * advertised a list of acceptable CAs; so this one advertises none.
 */
public final class TlsContexts {
    private static final char[] IN_MEMORY = "in-memory".toCharArray();

    private TlsContexts() {
    }

    /** A server context presenting {@code server}'s full chain and accepting any client chain for the application to judge. */
    public static SSLContext serverAcceptingAnyClient(HeldCertificate server) {
        return context(keyManagers(server), new TrustManager[] {new AcceptAnyClient()});
    }

    /** A client context trusting only {@code trusted}, presenting {@code identity}'s full chain. */
    public static SSLContext client(HeldCertificate identity, List<X509Certificate> trusted) {
        return context(keyManagers(identity), trustManagers(trusted));
    }

    /** A client context trusting only {@code trusted}, presenting no certificate. */
    public static SSLContext client(List<X509Certificate> trusted) {
        return context(null, trustManagers(trusted));
    }

    private static SSLContext context(KeyManager[] keys, TrustManager[] trust) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, trust, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot create a TLS context", e);
        }
    }

    /** SunX509 over an in-memory store: PKIX would re-derive the key on every handshake. */
    private static KeyManager[] keyManagers(HeldCertificate identity) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("identity", identity.privateKey(), IN_MEMORY, identity.fullChain().toArray(Certificate[]::new));
            KeyManagerFactory factory = KeyManagerFactory.getInstance("SunX509");
            factory.init(store, IN_MEMORY);
            return factory.getKeyManagers();
        } catch (GeneralSecurityException | IOException e) {
            throw new IdentityException("cannot use " + identity + " for TLS: " + e.getMessage(), e);
        }
    }

    private static TrustManager[] trustManagers(List<X509Certificate> trusted) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (int i = 0; i < trusted.size(); i++) {
                store.setCertificateEntry("trusted-" + i, trusted.get(i));
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory.getTrustManagers();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a trust store", e);
        }
    }

    private static final class AcceptAnyClient extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws java.security.cert.CertificateException {
            throw new java.security.cert.CertificateException("this trust manager serves the server side only");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws java.security.cert.CertificateException {
            checkServerTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws java.security.cert.CertificateException {
            checkServerTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
