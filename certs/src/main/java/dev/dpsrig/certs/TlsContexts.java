package dev.dpsrig.certs;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
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
    /** The protocol versions a server offers: TLS 1.2, which every Azure SDK speaks, and TLS 1.3. */
    public static final List<String> SERVER_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    /**
     * The TLS 1.2 cipher suites Azure IoT Hub accepts where it enforces strong suites (every hub since
     * 31 August 2025; DPS speaks only TLS 1.2 and names the same "recommended ciphers"): ECDHE key
     * exchange with AES-GCM, or AES-CBC with SHA-256/384 record MACs. No RSA key exchange, no SHA-1,
     * no 3DES. Azure lists them for its RSA certificate and, in the ECC preview, for an ECDSA one; both
     * are here, so whichever key the server certificate holds, the suites are Azure's.
     */
    public static final List<String> AZURE_TLS12_CIPHER_SUITES = List.of(
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384",
            "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256");

    /** TLS 1.3's suites, all of them AEAD with ephemeral key exchange. */
    public static final List<String> TLS13_CIPHER_SUITES = List.of(
            "TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256", "TLS_CHACHA20_POLY1305_SHA256");

    private TlsContexts() {
    }

    /**
     * The cipher suites a server built from {@link #serverAcceptingAnyClient} should enable: TLS 1.3's, then
     * {@link #AZURE_TLS12_CIPHER_SUITES}, each only if this JDK supports it, in that order of preference.
     */
    public static List<String> serverCipherSuites() {
        // A context of its own, holding no keys and trusting nothing: SSLContext.getDefault() would read the JVM's
        // trust store now and keep what it found, before a program had a chance to fill it.
        Set<String> supported = Set.of(context(new KeyManager[0], new TrustManager[0]).getSupportedSSLParameters().getCipherSuites());
        List<String> suites = new ArrayList<>();
        for (List<String> list : List.of(TLS13_CIPHER_SUITES, AZURE_TLS12_CIPHER_SUITES)) {
            list.stream().filter(supported::contains).forEach(suites::add);
        }
        if (suites.stream().noneMatch(AZURE_TLS12_CIPHER_SUITES::contains)) {
            throw new IllegalStateException("this JDK supports none of Azure's TLS 1.2 cipher suites " + AZURE_TLS12_CIPHER_SUITES);
        }
        return List.copyOf(suites);
    }

    /** A server context presenting {@code server}'s full chain and accepting any client chain for the application to judge. */
    public static SSLContext serverAcceptingAnyClient(HeldCertificate server) {
        return serverAcceptingAnyClient(server, () -> { });
    }

    /**
     * As {@link #serverAcceptingAnyClient(HeldCertificate)}, calling {@code onHandshake} once in each
     * handshake when the server picks its certificate, before it answers the client's hello: a test
     * server can delay the handshake there, or count handshakes. (JSSE also consults the key manager
     * when it reads a client's TLS 1.3 session ticket; that is the same handshake, not another.)
     */
    public static SSLContext serverAcceptingAnyClient(HeldCertificate server, Runnable onHandshake) {
        return context(new KeyManager[] {new HeldKeyManager(server, onHandshake)}, new TrustManager[] {new AcceptAnyClient()});
    }

    /** A client context trusting only {@code trusted}, presenting {@code identity}'s full chain. */
    public static SSLContext client(HeldCertificate identity, List<X509Certificate> trusted) {
        return context(keyManagers(identity), trustManagers(trusted));
    }

    /** A client context trusting only {@code trusted}, presenting no certificate. */
    public static SSLContext client(List<X509Certificate> trusted) {
        return context(null, trustManagers(trusted));
    }

    /** A client context trusting the JDK's default roots (as against real Azure), presenting {@code identity}'s full chain. */
    public static SSLContext clientTrustingJdkDefaults(HeldCertificate identity) {
        return context(keyManagers(identity), jdkDefaultTrust());
    }

    /** A client context trusting the JDK's default roots, presenting no certificate. */
    public static SSLContext clientTrustingJdkDefaults() {
        return context(null, jdkDefaultTrust());
    }

    private static TrustManager[] jdkDefaultTrust() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            return factory.getTrustManagers();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no default trust store", e);
        }
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

    /**
     * One identity, offered for whichever key type the handshake asks about. The JDK's key managers
     * need a {@link KeyStore}, and a PKCS#12 store hashes its password on every entry written: about
     * 6 ms of CPU per context, which a fleet opening one mutual-TLS connection per device pays again
     * and again. Like OpenSSL, this one offers the certificate even when the server's list of
     * acceptable issuers does not name its CA: the server decides, as DPS does.
     */
    private static KeyManager[] keyManagers(HeldCertificate identity) {
        return new KeyManager[] {new HeldKeyManager(identity, () -> { })};
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

    private static final class HeldKeyManager extends X509ExtendedKeyManager {
        private static final String ALIAS = "identity";
        private final HeldCertificate identity;
        private final X509Certificate[] chain;
        private final String algorithm;
        private final Runnable onServerChoice;
        /** Connections whose handshake has called {@link #onServerChoice}; weak, so closed ones go. */
        private final Set<Object> announced = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

        HeldKeyManager(HeldCertificate identity, Runnable onServerChoice) {
            this.identity = identity;
            this.onServerChoice = onServerChoice;
            this.chain = identity.fullChain().toArray(X509Certificate[]::new);
            String keyAlgorithm = identity.privateKey().getAlgorithm();
            // BouncyCastle names its EC keys ECDSA; JSSE asks for EC.
            this.algorithm = keyAlgorithm.equals("ECDSA") ? "EC" : keyAlgorithm;
        }

        /** JSSE asks with names such as {@code EC}, {@code RSA}, or for TLS 1.2 servers {@code EC_EC}. */
        private boolean offers(String keyType) {
            int separator = keyType.indexOf('_');
            return algorithm.equals(separator < 0 ? keyType : keyType.substring(0, separator));
        }

        private String choose(String[] keyTypes) {
            if (keyTypes != null) {
                for (String keyType : keyTypes) {
                    if (offers(keyType)) {
                        return ALIAS;
                    }
                }
            }
            return null;
        }

        private String[] aliases(String keyType) {
            return offers(keyType) ? new String[] {ALIAS} : null;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return aliases(keyType);
        }

        @Override
        public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
            return choose(keyTypes);
        }

        @Override
        public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
            return choose(keyTypes);
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return aliases(keyType);
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return chooseServer(keyType, socket);
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            return chooseServer(keyType, engine);
        }

        private String chooseServer(String keyType, Object connection) {
            String alias = choose(new String[] {keyType});
            if (alias != null && (connection == null || announced.add(connection))) {
                onServerChoice.run();
            }
            return alias;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return ALIAS.equals(alias) ? chain.clone() : null;
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return ALIAS.equals(alias) ? identity.privateKey() : null;
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
