package dev.dpsrig.certs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.security.cert.Certificate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Real handshakes over loopback sockets, both protocol versions, both key types at each end. */
class TlsContextsTest {
    private static final HeldCertificate ROOT = HeldCertificate.builder().commonName("tls-test-root").certificateAuthority().build();
    private static final HeldCertificate INTERMEDIATE = HeldCertificate.builder()
            .commonName("tls-test-intermediate").certificateAuthority(0).signedBy(ROOT).build();

    @ParameterizedTest(name = "{0}: server {1}, client {2}")
    @CsvSource({
            "TLSv1.3, EC_P256, EC_P256",
            "TLSv1.2, EC_P256, EC_P256",
            "TLSv1.3, RSA_2048, RSA_2048",
            "TLSv1.2, RSA_2048, EC_P256",
            "TLSv1.2, EC_P256, RSA_2048"})
    void clientPresentsItsFullChainAndServerAcceptsIt(String protocol, KeyType serverKey, KeyType clientKey) throws Exception {
        HeldCertificate server = HeldCertificate.builder().commonName("localhost").serverAuth().keyType(serverKey)
                .subjectAlternativeName("localhost").subjectAlternativeName("127.0.0.1").signedBy(ROOT).build();
        HeldCertificate device = HeldCertificate.builder().commonName("device-" + clientKey.name().toLowerCase())
                .clientAuth().keyType(clientKey).signedBy(INTERMEDIATE).build();

        Certificate[] seenByServer = handshake(TlsContexts.serverAcceptingAnyClient(server),
                TlsContexts.client(device, List.of(ROOT.certificate())), protocol);

        assertThat(seenByServer).containsExactly(device.certificate(), INTERMEDIATE.certificate(), ROOT.certificate());
    }

    @ParameterizedTest
    @CsvSource({"TLSv1.3", "TLSv1.2"})
    void clientWithoutIdentityStillConnects(String protocol) throws Exception {
        HeldCertificate server = HeldCertificate.builder().commonName("localhost").serverAuth()
                .subjectAlternativeName("127.0.0.1").signedBy(ROOT).build();

        Certificate[] seenByServer = handshake(TlsContexts.serverAcceptingAnyClient(server),
                TlsContexts.client(List.of(ROOT.certificate())), protocol);

        assertThat(seenByServer).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"TLSv1.3", "TLSv1.2"})
    void clientRefusesServerOutsideItsTrust(String protocol) {
        HeldCertificate otherRoot = HeldCertificate.builder().commonName("other-root").certificateAuthority().build();
        HeldCertificate server = HeldCertificate.builder().commonName("localhost").serverAuth()
                .subjectAlternativeName("127.0.0.1").signedBy(otherRoot).build();

        assertThatThrownBy(() -> handshake(TlsContexts.serverAcceptingAnyClient(server),
                TlsContexts.client(List.of(ROOT.certificate())), protocol))
                .isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("unable to find valid certification path");
    }

    @Test
    void serverSuitesAreTls13sAndAzuresTls12OnesOnly() {
        List<String> suites = TlsContexts.serverCipherSuites();

        assertThat(suites).contains("TLS_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384")
                .allMatch(suite -> TlsContexts.TLS13_CIPHER_SUITES.contains(suite) || TlsContexts.AZURE_TLS12_CIPHER_SUITES.contains(suite))
                .noneMatch(suite -> suite.startsWith("TLS_RSA_") || suite.endsWith("_SHA") || suite.contains("3DES")
                        || suite.contains("CHACHA20") && suite.startsWith("TLS_ECDHE"));
    }

    /** Runs one handshake; answers the chain the server received from the client (empty when none). */
    private static Certificate[] handshake(SSLContext serverContext, SSLContext clientContext, String protocol) throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (SSLServerSocket listener = (SSLServerSocket) serverContext.getServerSocketFactory().createServerSocket(0, 1, loopback)) {
            listener.setWantClientAuth(true);
            listener.setEnabledProtocols(new String[] {protocol});
            CompletableFuture<Certificate[]> serverSide = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket accepted = (SSLSocket) listener.accept()) {
                    accepted.startHandshake();
                    // Read the client's byte: in TLS 1.3 the client's certificate arrives after the server's Finished.
                    accepted.getInputStream().read();
                    try {
                        return accepted.getSession().getPeerCertificates();
                    } catch (SSLPeerUnverifiedException none) {
                        return new Certificate[0];
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            try (SSLSocket client = (SSLSocket) clientContext.getSocketFactory().createSocket(loopback, listener.getLocalPort())) {
                client.setEnabledProtocols(new String[] {protocol});
                client.startHandshake();
                client.getOutputStream().write(1);
                client.getOutputStream().flush();
                return serverSide.get(10, TimeUnit.SECONDS);
            } catch (SSLHandshakeException e) {
                serverSide.cancel(true);
                throw e;
            }
        }
    }
}
