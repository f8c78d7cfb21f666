package dev.dpsrig.simulator.service.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dpsrig.certs.HeldCertificate;
import dev.dpsrig.certs.TlsContexts;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which TLS the simulator speaks: TLS 1.3, and TLS 1.2 with the cipher suites Azure IoT Hub enforces. */
class ListenerPostureIT {

    @ParameterizedTest
    @ValueSource(strings = {"TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"})
    void tls12SuitesAzureDoesNotOfferAreRefused(String suite) throws Exception {
        try (LocalSimulator simulator = LocalSimulator.start(SimulatorConfig.forTests())) {
            SSLContext client = TlsContexts.client(List.of(simulator.trustedRoot()));
            // The same client handshake succeeds against a server with the JDK's default suites: the refusal is the simulator's.
            assertThat(handshakeWithJdkDefaults(suite)).isEqualTo(suite);

            assertThatThrownBy(() -> handshake(client, simulator.dpsPort(), "TLSv1.2", suite)).isInstanceOf(SSLHandshakeException.class);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384"})
    void azuresTls12SuitesAreAccepted(String suite) throws Exception {
        try (LocalSimulator simulator = LocalSimulator.start(SimulatorConfig.forTests())) {
            assertThat(handshake(TlsContexts.client(List.of(simulator.trustedRoot())), simulator.dpsPort(), "TLSv1.2", suite))
                    .isEqualTo(suite);
        }
    }

    @Test
    void tls13IsAcceptedAndOlderVersionsAreNot() throws Exception {
        try (LocalSimulator simulator = LocalSimulator.start(SimulatorConfig.forTests())) {
            SSLContext client = TlsContexts.client(List.of(simulator.trustedRoot()));
            assertThat(handshake(client, simulator.dpsPort(), "TLSv1.3", "TLS_AES_128_GCM_SHA256")).isEqualTo("TLS_AES_128_GCM_SHA256");
        }
    }

    /** The suite a TLS handshake with only {@code suite} enabled settles on. */
    private static String handshake(SSLContext client, int port, String protocol, String suite) throws IOException {
        try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket("localhost", port)) {
            socket.setSoTimeout(10_000);
            socket.setEnabledProtocols(new String[] {protocol});
            socket.setEnabledCipherSuites(new String[] {suite});
            socket.startHandshake();
            return socket.getSession().getCipherSuite();
        }
    }

    private static String handshakeWithJdkDefaults(String suite) throws Exception {
        HeldCertificate root = HeldCertificate.builder().commonName("control-root").certificateAuthority().build();
        HeldCertificate server = HeldCertificate.builder().commonName("localhost").serverAuth().subjectAlternativeName("localhost")
                .signedBy(root).build();
        SSLContext trustingControl = TlsContexts.client(List.of(root.certificate()));
        try (SSLServerSocket listener = (SSLServerSocket) TlsContexts.serverAcceptingAnyClient(server).getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> accepted = CompletableFuture.runAsync(() -> {
                try (SSLSocket socket = (SSLSocket) listener.accept()) {
                    socket.startHandshake();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            String negotiated = handshake(trustingControl, listener.getLocalPort(), "TLSv1.2", suite);
            accepted.get(10, TimeUnit.SECONDS);
            return negotiated;
        }
    }
}
