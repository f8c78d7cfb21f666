package dev.dpsrig.certs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.security.Signature;
import java.security.cert.Certificate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Mutual-TLS handshakes over loopback where the client's key is delegated: the server, which
 * requires a client certificate, must see the device's chain, and the CertificateVerify signature
 * must have come from the callback, with the algorithm JSSE picked for that key and protocol.
 */
class DelegatedKeyTlsIT {
    private static final HeldCertificate ROOT = HeldCertificate.builder().commonName("delegated-root").certificateAuthority().build();
    private static final HeldCertificate SERVER = HeldCertificate.builder().commonName("localhost").serverAuth()
            .subjectAlternativeName("localhost").subjectAlternativeName("127.0.0.1").signedBy(ROOT).build();

    /** With no scheme given, JSSE's defaults decide; a scheme narrows the client's offer to it. */
    @ParameterizedTest(name = "{0} {1} (schemes: {2}) signs {3}")
    @CsvSource({
            "TLSv1.3, EC_P256, '', SHA256withECDSA",
            "TLSv1.2, EC_P256, '', SHA256withECDSA",
            "TLSv1.3, RSA_2048, '', RSASSA-PSS-SHA256",
            "TLSv1.2, RSA_2048, '', RSASSA-PSS-SHA256",
            "TLSv1.2, RSA_2048, rsa_pkcs1_sha256, SHA256withRSA",
            "TLSv1.2, RSA_2048, rsa_pkcs1_sha384, SHA384withRSA",
            "TLSv1.3, RSA_2048, rsa_pss_rsae_sha384, RSASSA-PSS-SHA384"})
    void serverSeesTheDelegatedClientsChainSignedByTheCallback(String protocol, KeyType keyType, String schemes,
            String expectedAlgorithm) throws Exception {
        HeldCertificate device = HeldCertificate.builder().commonName("tethered-" + keyType.cliName())
                .clientAuth().keyType(keyType).signedBy(ROOT).build();
        List<String> asked = new CopyOnWriteArrayList<>();
        DelegatedKey key = DelegatedKey.forCertificate(device.certificate(), (algorithm, data) -> {
            asked.add(algorithm);
            return signWithRealKey(device, algorithm, data);
        });
        HeldCertificate held = HeldCertificate.of(device.fullChain(), key);
        asked.clear(); // HeldCertificate.of proves the key matches by signing once

        Certificate[] seenByServer = handshake(TlsContexts.client(held, List.of(ROOT.certificate())), protocol,
                schemes.isEmpty() ? new String[0] : new String[] {schemes});

        assertThat(seenByServer).containsExactly(device.certificate(), ROOT.certificate());
        assertThat(asked).containsExactly(expectedAlgorithm);
    }

    static byte[] signWithRealKey(HeldCertificate device, String algorithm, byte[] data) {
        try {
            Signature signature;
            if (algorithm.startsWith("RSASSA-PSS-")) {
                String hash = "SHA-" + algorithm.substring("RSASSA-PSS-SHA".length());
                int saltLength = Integer.parseInt(hash.substring(4)) / 8;
                signature = Signature.getInstance("RSASSA-PSS");
                signature.setParameter(new java.security.spec.PSSParameterSpec(hash, "MGF1",
                        new java.security.spec.MGF1ParameterSpec(hash), saltLength, 1));
            } else {
                signature = Signature.getInstance(algorithm);
            }
            signature.initSign(device.privateKey());
            signature.update(data);
            return signature.sign();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One handshake with a server that requires a client certificate; answers the chain it received. */
    private static Certificate[] handshake(SSLContext clientContext, String protocol, String[] signatureSchemes) throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        SSLContext serverContext = TlsContexts.serverAcceptingAnyClient(SERVER);
        try (SSLServerSocket listener = (SSLServerSocket) serverContext.getServerSocketFactory().createServerSocket(0, 1, loopback)) {
            listener.setNeedClientAuth(true);
            listener.setEnabledProtocols(new String[] {protocol});
            CompletableFuture<Certificate[]> serverSide = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket accepted = (SSLSocket) listener.accept()) {
                    accepted.startHandshake();
                    // In TLS 1.3 the client's certificate arrives after the server's Finished: read a byte first.
                    assertThat(accepted.getInputStream().read()).isEqualTo(1);
                    return accepted.getSession().getPeerCertificates();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            try (SSLSocket client = (SSLSocket) clientContext.getSocketFactory().createSocket(loopback, listener.getLocalPort())) {
                SSLParameters parameters = client.getSSLParameters();
                parameters.setProtocols(new String[] {protocol});
                if (signatureSchemes.length > 0) {
                    // The list also limits the certificate signatures accepted: keep the one the (EC) CA made.
                    parameters.setSignatureSchemes(new String[] {signatureSchemes[0], "ecdsa_secp256r1_sha256"});
                }
                client.setSSLParameters(parameters);
                client.startHandshake();
                client.getOutputStream().write(1);
                client.getOutputStream().flush();
                return serverSide.get(20, TimeUnit.SECONDS);
            }
        }
    }
}
