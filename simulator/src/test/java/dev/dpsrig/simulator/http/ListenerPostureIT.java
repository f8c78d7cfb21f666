package dev.dpsrig.simulator.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.dpsrig.certs.HeldCertificate;
import dev.dpsrig.certs.TlsContexts;
import dev.dpsrig.simulator.server.LocalSimulator;
import dev.dpsrig.simulator.server.SimulatorConfig;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
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

/** Where the simulator listens and which TLS it speaks: IPv6 loopback beside 127.0.0.1, and Azure's cipher suites. */
class ListenerPostureIT {

    @Test
    void boundToLoopbackOnAFixedPortTheDpsAnswersOnIpv6LoopbackToo() throws Exception {
        assumeTrue(hasIpv6Loopback(), "this machine has no IPv6 loopback address");
        int port = portFreeOnBothLoopbacks();
        SimulatorConfig config = SimulatorConfig.builder().dpsPort(port).addHub(SimulatorConfig.HubSpec.named("ipv6-test-hub", 0))
                .assignmentDelay(Duration.ZERO).build();
        try (LocalSimulator simulator = LocalSimulator.start(config)) {
            HttpClient client = HttpClient.newBuilder().sslContext(TlsContexts.client(List.of(simulator.trustedRoot())))
                    .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
            // The certificate names ::1, and the client checks it: this is the simulator, not just an open port.
            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(
                            URI.create("https://[::1]:" + port + "/" + simulator.idScope() + "/no-such-route?api-version=2021-06-01"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(answer.statusCode()).isEqualTo(404);
            assertThat(answer.headers().firstValue("x-ms-error-code")).as("the DPS error format").isPresent();
        }
    }

    /** The MQTT port gets its {@code [::1]} twin as the HTTPS one does. */
    @Test
    void inTheSdkLayoutAt127001TheDpsServesMqttOnIpv6LoopbackToo() throws Exception {
        assumeTrue(hasIpv6Loopback(), "this machine has no IPv6 loopback address");
        assumeTrue(List.of("127.0.0.1", "::1", "127.0.0.2").stream().allMatch(address -> free(address, 443) && free(address, 8883)),
                "another process listens on 443 or 8883 of 127.0.0.1, [::1] or 127.0.0.2");
        try (LocalSimulator simulator = LocalSimulator.start(SimulatorConfig.builder().sdkLayout("127.0.0.1")
                .assignmentDelay(Duration.ZERO).build());
             SSLSocket socket = (SSLSocket) TlsContexts.client(List.of(simulator.trustedRoot())).getSocketFactory()
                     .createSocket("::1", 8883)) {
            socket.setSoTimeout(10_000);
            // Paho cannot dial an IPv6 literal over TLS (its SNI refuses "[::1]"): a CONNECT without credentials, by hand.
            socket.getOutputStream().write(connect("ipv6-device", simulator.idScope() + "/registrations/ipv6-device/api-version=2019-03-31"));

            assertThat(socket.getInputStream().readNBytes(4)).as("CONNACK 5 from DPS's MQTT front door")
                    .containsExactly(0x20, 0x02, 0x00, 0x05);
        }
    }

    /** An MQTT 3.1.1 CONNECT with a clean session, a user name and no password. */
    private static byte[] connect(String clientId, String username) throws IOException {
        ByteArrayOutputStream rest = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(rest);
        out.writeUTF("MQTT");
        out.writeByte(4);
        out.writeByte(0x82);
        out.writeShort(60);
        out.writeUTF(clientId);
        out.writeUTF(username);
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        packet.write(0x10);
        packet.write(rest.size());
        rest.writeTo(packet);
        return packet.toByteArray();
    }

    @Test
    void aPortPickedAtStartIsNotPairedWithIpv6Loopback() throws Exception {
        assumeTrue(hasIpv6Loopback(), "this machine has no IPv6 loopback address");
        try (LocalSimulator simulator = LocalSimulator.start(SimulatorConfig.forTests())) {
            try (java.net.Socket socket = new java.net.Socket()) {
                assertThatThrownBy(() -> socket.connect(new InetSocketAddress("::1", simulator.dpsPort()), 2000))
                        .isInstanceOf(java.net.ConnectException.class);
            }
        }
    }

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

    private static boolean hasIpv6Loopback() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
            return socket.getInetAddress() instanceof Inet6Address;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean free(String address, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(address), port));
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    /** A port free on 127.0.0.1 and on [::1] alike (the kernel hands out IPv4 ports; try a few on IPv6). */
    private static int portFreeOnBothLoopbacks() throws IOException {
        for (int attempt = 0; attempt < 20; attempt++) {
            int port;
            try (ServerSocket ipv4 = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
                port = ipv4.getLocalPort();
            }
            try (ServerSocket ipv6 = new ServerSocket()) {
                ipv6.bind(new InetSocketAddress(InetAddress.getByName("::1"), port));
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no port free on both 127.0.0.1 and [::1] in 20 tries");
    }
}
