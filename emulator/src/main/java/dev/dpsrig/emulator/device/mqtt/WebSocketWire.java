package dev.dpsrig.emulator.device.mqtt;

import dev.dpsrig.certs.HeldCertificate;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;

/**
 * MQTT over WebSockets, as Azure serves it on 443: {@code wss://host/$iothub/websocket} with the {@code mqtt} subprotocol,
 * MQTT's bytes in binary frames, on the JDK's WebSocket client.
 *
 * <p>Each JDK HTTP client keeps a selector thread of its own, and its TLS identity is fixed when it is built. Devices
 * without a certificate (SAS) therefore share one client per set of trusted roots, however many connect; a device
 * presenting an X.509 certificate needs a TLS context of its own, so it gets a client of its own, closed with its
 * connection: a fleet of X.509 devices over WebSockets costs a thread per connected device.
 */
final class WebSocketWire implements MqttWire {
    private static final ByteBuffer END = ByteBuffer.allocate(0);
    /** The clients devices without a certificate share, by the roots they trust; kept for the life of the process. */
    private static final Map<List<X509Certificate>, HttpClient> SHARED = new ConcurrentHashMap<>();

    private final Optional<HttpClient> owned;
    private final WebSocket socket;
    private final Frames frames;

    private WebSocketWire(Optional<HttpClient> owned, WebSocket socket, Frames frames) {
        this.owned = owned;
        this.socket = socket;
        this.frames = frames;
    }

    static WebSocketWire open(MqttEndpoint endpoint, Optional<HeldCertificate> identity, Duration timeout) throws IOException {
        Optional<HttpClient> owned = identity.map(held -> client(MqttWire.context(endpoint, identity)));
        HttpClient client = owned.orElseGet(() -> SHARED.computeIfAbsent(endpoint.trustedRoots(),
                roots -> client(MqttWire.context(endpoint, Optional.empty()))));
        Frames frames = new Frames();
        try {
            WebSocket socket = client.newWebSocketBuilder().subprotocols("mqtt").connectTimeout(timeout)
                    .buildAsync(endpoint.webSocketUri(), frames).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new WebSocketWire(owned, socket, frames);
        } catch (ExecutionException e) {
            owned.ifPresent(HttpClient::close);
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (TimeoutException e) {
            owned.ifPresent(HttpClient::close);
            throw new IOException("no WebSocket handshake with " + endpoint.webSocketUri() + " within " + timeout.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            owned.ifPresent(HttpClient::close);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static HttpClient client(SSLContext context) {
        return HttpClient.newBuilder().sslContext(context).build();
    }

    @Override
    public InputStream in() {
        return frames;
    }

    @Override
    public void write(byte[] packet) throws IOException {
        try {
            socket.sendBinary(ByteBuffer.wrap(packet), true).get();
        } catch (ExecutionException e) {
            throw new IOException("the WebSocket did not take the packet: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    @Override
    public void close() {
        socket.abort();
        owned.ifPresent(HttpClient::close);
    }

    /** The binary frames received, read as one stream; a close or an error ends it. */
    private static final class Frames extends InputStream implements WebSocket.Listener {
        private final BlockingQueue<ByteBuffer> received = new LinkedBlockingQueue<>();
        private ByteBuffer current = ByteBuffer.allocate(0);
        private volatile String ended = "";

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            ByteBuffer copy = ByteBuffer.allocate(data.remaining()).put(data).flip();
            received.add(copy);
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            ended = "the server closed the WebSocket (" + statusCode + (reason.isEmpty() ? "" : " " + reason) + ")";
            received.add(END);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            ended = "the WebSocket failed: " + error;
            received.add(END);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            while (!current.hasRemaining()) {
                if (current == END) {
                    throw new EOFException(ended);
                }
                try {
                    current = received.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
            }
            int count = Math.min(length, current.remaining());
            current.get(into, offset, count);
            return count;
        }
    }
}
