package dev.dpsrig.simulator.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.dpsrig.certs.TlsContexts;
import dev.dpsrig.simulator.fault.DeviceMatcher;
import dev.dpsrig.simulator.fault.Endpoint;
import dev.dpsrig.simulator.fault.Fault;
import dev.dpsrig.simulator.fault.FaultRule;
import dev.dpsrig.simulator.fault.Trigger;
import dev.dpsrig.simulator.server.LocalSimulator;
import dev.dpsrig.simulator.server.SimulatorConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Slow and greedy clients on real sockets: each timeout cuts off the client it is for, within a generous bound of it,
 * with the others set long so that only the one under test can act; the per-address cap answers the first
 * connection over it with a 503 in the endpoint's own format. No test asserts a speed otherwise.
 */
class ConnectionLimitsIT {
    private static final Duration SHORT = Duration.ofSeconds(1);
    private static final Duration LONG = Duration.ofSeconds(60);
    /** How long a cut-off may take before the test calls it missing: ten times the timeout. */
    private static final Duration BOUND = SHORT.multipliedBy(10);
    private static final ConnectionLimits ALL_LONG = new ConnectionLimits(LONG, LONG, LONG, LONG, 0, false);

    private static LocalSimulator start(ConnectionLimits limits) {
        return LocalSimulator.start(SimulatorConfig.builder().assignmentDelay(Duration.ZERO).connectionLimits(limits).build());
    }

    private static SSLSocket connect(LocalSimulator simulator, String host, int port) throws IOException {
        SSLSocket socket = (SSLSocket) TlsContexts.client(List.of(simulator.trustedRoot())).getSocketFactory().createSocket(host, port);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(parameters);
        socket.setSoTimeout((int) BOUND.toMillis());
        socket.startHandshake();
        return socket;
    }

    private static SSLSocket connectToDps(LocalSimulator simulator) throws IOException {
        return connect(simulator, "localhost", simulator.dpsPort());
    }

    private static int hubPort(LocalSimulator simulator) {
        String host = simulator.hubs().getFirst().hostName();
        return Integer.parseInt(host.substring(host.lastIndexOf(':') + 1));
    }

    private static String registerHead(LocalSimulator simulator, int contentLength) {
        return "PUT /" + simulator.idScope() + "/registrations/slow-device/register?api-version=2021-06-01 HTTP/1.1\r\n"
                + "Host: localhost:" + simulator.dpsPort() + "\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Length: " + contentLength + "\r\n\r\n";
    }

    private static void send(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
    }

    /** What the server sent until it closed the connection; fails when it is still open after {@link #BOUND}. */
    private static byte[] readUntilClosed(Socket socket) throws IOException {
        socket.setSoTimeout((int) BOUND.toMillis());
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[4096];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                received.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            fail("the connection was still open " + BOUND.toSeconds() + " s later; received so far: "
                    + received.toString(StandardCharsets.ISO_8859_1));
        } catch (SSLException | java.net.SocketException closed) {
            // closed without a TLS close_notify: closed all the same
        }
        return received.toByteArray();
    }

    /**
     * Writes {@code trickle} a byte every 250 ms (under the 1 s timeout, so a per-read timeout never fires) while
     * another thread waits for the server to close; answers what it sent meanwhile.
     */
    private static byte[] trickleUntilClosed(Socket socket, String trickle) throws Exception {
        AtomicBoolean closed = new AtomicBoolean();
        CompletableFuture<byte[]> reader = CompletableFuture.supplyAsync(() -> {
            try {
                return readUntilClosed(socket);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } finally {
                closed.set(true);
            }
        });
        OutputStream out = socket.getOutputStream();
        long deadline = System.nanoTime() + BOUND.plusSeconds(5).toNanos();
        try {
            for (int i = 0; !closed.get() && System.nanoTime() < deadline; i++) {
                out.write(trickle.charAt(i % trickle.length()));
                out.flush();
                Thread.sleep(250);
            }
        } catch (IOException closedUnderTheWriter) {
            // the server closed the connection while a byte was on its way
        }
        return reader.get();
    }

    @Test
    void aHalfSentRequestHeadIsCutOffUnanswered() throws Exception {
        try (LocalSimulator simulator = start(ALL_LONG.withHeadTimeout(SHORT));
             SSLSocket socket = connectToDps(simulator)) {
            String head = registerHead(simulator, 20);
            send(socket, head.substring(0, head.indexOf("Content-Type") + 8));

            assertThat(readUntilClosed(socket)).as("what the server answered").isEmpty();
        }
    }

    @Test
    void aConnectionThatNeverSendsARequestIsCutOffWithinTheHeadTimeoutNotTheIdleTimeout() throws Exception {
        try (LocalSimulator simulator = start(ALL_LONG.withHeadTimeout(SHORT));
             SSLSocket socket = connectToDps(simulator)) {
            assertThat(readUntilClosed(socket)).as("what the server sent to a connection with no request").isEmpty();
        }
    }

    @Test
    void aHeaderTrickledAByteAtATimeIsCutOffWithinTheHeadTimeout() throws Exception {
        try (LocalSimulator simulator = start(ALL_LONG.withHeadTimeout(SHORT));
             SSLSocket socket = connectToDps(simulator)) {
            send(socket, "GET /" + simulator.idScope() + "/registrations/slow-device/operations/1?api-version=2021-06-01 HTTP/1.1\r\n"
                    + "Host: localhost\r\nX-Slow: ");

            assertThat(trickleUntilClosed(socket, "abcdefgh")).as("what the server answered").isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"DPS register", "hub events"})
    void aTrickledBodyIsCutOffWithinTheBodyTimeout(String endpoint) throws Exception {
        try (LocalSimulator simulator = start(ALL_LONG.withBodyTimeout(SHORT))) {
            boolean dps = endpoint.startsWith("DPS");
            try (SSLSocket socket = dps ? connectToDps(simulator) : connect(simulator, "localhost", hubPort(simulator))) {
                send(socket, dps ? registerHead(simulator, 4000)
                        : "POST /devices/slow-device/messages/events?api-version=2020-03-13 HTTP/1.1\r\nHost: localhost\r\n"
                                + "Authorization: SharedAccessSignature sr=x&sig=y&se=1\r\nContent-Length: 4000\r\n\r\n");
                send(socket, "{\"registrationId\": \"slow-device\", \"payload\": \"");

                trickleUntilClosed(socket, "0123456789");
            }
        }
    }

    @Test
    void anIdleKeptAliveConnectionIsClosedAfterTheIdleTimeout() throws Exception {
        try (LocalSimulator simulator = start(ALL_LONG.withIdleTimeout(SHORT));
             SSLSocket socket = connectToDps(simulator)) {
            send(socket, "GET /" + simulator.idScope() + "/no-such-route?api-version=2021-06-01 HTTP/1.1\r\nHost: localhost\r\n\r\n");
            String head = readHead(socket.getInputStream());
            assertThat(head).startsWith("HTTP/1.1 404").doesNotContainIgnoringCase("connection: close");
            socket.getInputStream().readNBytes(contentLength(head));
            assertThat(readUntilClosed(socket)).as("what the server sent after its answer").isEmpty();
        }
    }

    @Test
    void aConnectionThatNeverStartsItsHandshakeIsClosedAfterTheHandshakeTimeout() throws Exception {
        try (LocalSimulator simulator = start(ALL_LONG.withHandshakeTimeout(SHORT));
             Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", simulator.dpsPort()));
            socket.getOutputStream().write(new byte[] {0x16, 0x03, 0x01}); // the first bytes of a TLS record, and no more

            assertThat(readUntilClosed(socket)).isEmpty();
        }
    }

    @Test
    void serverWorkIsNotTheClientsTime() throws Exception {
        // An injected slow handshake and a delay before the answer each outlast every timeout: neither is the client's doing.
        ConnectionLimits tight = new ConnectionLimits(SHORT, SHORT, SHORT, LONG, 0, false);
        try (LocalSimulator simulator = start(tight)) {
            simulator.faults().addAll(List.of(
                    new FaultRule("slow", Endpoint.DPS_HANDSHAKE, DeviceMatcher.EVERY_DEVICE, new Trigger.Always(), OptionalLong.empty(),
                            new Fault.SlowHandshake(Duration.ofMillis(2500))),
                    new FaultRule("late", Endpoint.REGISTER, DeviceMatcher.EVERY_DEVICE, new Trigger.Always(), OptionalLong.empty(),
                            new Fault.Delay(Duration.ofMillis(2500)))));
            try (SSLSocket socket = connectToDps(simulator)) {
                send(socket, registerHead(simulator, 2) + "{}");
                String head = readHead(socket.getInputStream());
                assertThat(head).as("the answer after both delays").startsWith("HTTP/1.1 401");
            }
        }
    }

    @Test
    void theConnectionOverTheCapIsAnswered503InTheEndpointsFormatAndClosed() throws Exception {
        ConnectionLimits capOfTwo = ConnectionLimits.DEFAULTS.withMaxConnectionsPerAddress(2, true);
        try (LocalSimulator simulator = start(capOfTwo);
             SSLSocket first = connectToDps(simulator);
             SSLSocket second = connectToDps(simulator)) {
            try (SSLSocket third = connect(simulator, "localhost", hubPort(simulator))) {
                send(third, "GET /devices/d1/messages/deviceBound?api-version=2020-03-13 HTTP/1.1\r\nHost: localhost\r\n\r\n");
                String answer = new String(readUntilClosed(third), StandardCharsets.UTF_8);
                assertThat(answer).startsWith("HTTP/1.1 503").containsIgnoringCase("retry-after: 5")
                        .containsIgnoringCase("iothub-errorcode: ServiceUnavailable")
                        .contains("too many connections from 127.0.0.1");
            }
            try (SSLSocket fourth = connectToDps(simulator)) {
                send(fourth, registerHead(simulator, 2) + "{}");
                String answer = new String(readUntilClosed(fourth), StandardCharsets.UTF_8);
                assertThat(answer).startsWith("HTTP/1.1 503").containsIgnoringCase("retry-after: 5")
                        .containsIgnoringCase("x-ms-error-code: 503001").contains("\"errorCode\":503001");
            }

            // Once the server has seen one of the two close, a new connection is served again.
            first.close();
            String head = "";
            for (long deadline = System.nanoTime() + BOUND.toNanos(); System.nanoTime() < deadline && !head.startsWith("HTTP/1.1 401"); ) {
                try (SSLSocket again = connectToDps(simulator)) {
                    send(again, registerHead(simulator, 2) + "{}");
                    head = readHead(again.getInputStream());
                }
                Thread.sleep(50);
            }
            assertThat(head).as("a connection once one closed").startsWith("HTTP/1.1 401");
        }
    }

    @Test
    void farBeyondTheCapConnectionsAreClosedUnanswered() throws Exception {
        ConnectionLimits capOfOne = ConnectionLimits.DEFAULTS.withMaxConnectionsPerAddress(1, true);
        List<SSLSocket> held = new ArrayList<>();
        try (LocalSimulator simulator = start(capOfOne)) {
            for (int i = 0; i < 1 + ConnectionGuard.ANSWERED_BEYOND_CAP; i++) {
                held.add(connectToDps(simulator));
            }
            assertThatThrownBy(() -> connectToDps(simulator).close()).isInstanceOfAny(SSLException.class, java.net.SocketException.class);
        } finally {
            for (SSLSocket socket : held) {
                socket.close();
            }
        }
    }

    @Test
    void loopbackClientsAreNotCappedByDefault() throws Exception {
        ConnectionLimits capOfOne = ConnectionLimits.DEFAULTS.withMaxConnectionsPerAddress(1, false);
        try (LocalSimulator simulator = start(capOfOne);
             SSLSocket first = connectToDps(simulator);
             SSLSocket second = connectToDps(simulator)) {
            send(second, registerHead(simulator, 2) + "{}");
            assertThat(readHead(second.getInputStream())).startsWith("HTTP/1.1 401");
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed after " + head.toString(StandardCharsets.ISO_8859_1));
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static int contentLength(String head) {
        return head.lines().filter(line -> line.toLowerCase(Locale.ROOT).startsWith("content-length:"))
                .map(line -> Integer.parseInt(line.substring(line.indexOf(':') + 1).strip())).findFirst().orElse(0);
    }
}
