package dev.dpsrig.simulator.http;

import dev.dpsrig.simulator.mqtt.MqttConnection;
import dev.dpsrig.simulator.mqtt.MqttFrontDoor;
import dev.dpsrig.simulator.mqtt.MqttLink;
import io.helidon.common.buffers.BufferData;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.http.WritableHeaders;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.websocket.WsUpgrader;
import io.helidon.websocket.WsCloseCodes;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One MQTT client on a WebSocket of a DPS or hub HTTPS listener: the binary frames' bytes, as one stream (a packet may
 * span frames, a frame may carry several), and the TLS session's client certificate handed to {@link MqttConnection},
 * which serves it on a thread of its own while the web server's thread reads the frames. Answers go out as one binary
 * frame each. A text frame ends the connection: MQTT travels in binary frames only.
 */
final class MqttWebSocket implements WsListener, MqttLink {
    private static final Logger LOG = System.getLogger(MqttWebSocket.class.getName());
    /** What {@link #read()} takes for the end of the client's bytes. */
    private static final byte[] END = new byte[0];
    /** Frames read ahead of MQTT at most; past them the web server's thread waits, and TCP holds the client back. */
    private static final int READ_AHEAD = 16;

    private final MqttFrontDoor frontDoor;
    private final ConnectionGuard guard;
    private final int maxPacketBytes;
    private final BlockingQueue<byte[]> received = new ArrayBlockingQueue<>(READ_AHEAD);
    private volatile WsSession session;
    private volatile boolean closed;
    private Runnable sessionStart = () -> { };

    MqttWebSocket(MqttFrontDoor frontDoor, ConnectionGuard guard, int maxPacketBytes) {
        this.frontDoor = frontDoor;
        this.guard = guard;
        this.maxPacketBytes = maxPacketBytes;
    }

    /** Agrees to the subprotocol MQTT clients ask for, which {@link MqttOverWebSockets} made sure they offered. */
    @Override
    public Optional<Headers> onHttpUpgrade(HttpPrologue prologue, Headers headers) {
        WritableHeaders<?> answer = WritableHeaders.create();
        answer.set(WsUpgrader.PROTOCOL, MqttOverWebSockets.SUBPROTOCOL);
        return Optional.of(answer);
    }

    @Override
    public void onOpen(WsSession session) {
        this.session = session;
        sessionStart = guard.sessionStart();
        Thread.ofVirtual().name("mqtt-websocket " + peer()).start(this::serve);
    }

    private void serve() {
        try {
            new MqttConnection(this, frontDoor, maxPacketBytes).serve();
        } catch (RuntimeException end) {
            LOG.log(Level.DEBUG, "the MQTT WebSocket of " + peer() + " ended: " + end);
            close();
        }
    }

    @Override
    public void onMessage(WsSession session, BufferData buffer, boolean last) {
        byte[] bytes = new byte[buffer.available()];
        buffer.read(bytes);
        if (bytes.length > 0) {
            hand(bytes);
        }
    }

    @Override
    public void onMessage(WsSession session, String text, boolean last) {
        LOG.log(Level.INFO, "closed the MQTT WebSocket of " + peer() + ": it sent a text frame; MQTT travels in binary frames");
        close();
    }

    @Override
    public void onClose(WsSession session, int status, String reason) {
        hand(END);
    }

    @Override
    public void onError(WsSession session, Throwable failure) {
        LOG.log(Level.DEBUG, "the MQTT WebSocket of " + peer() + " failed: " + failure);
        hand(END);
    }

    /** Passes bytes to MQTT's thread, waiting while it is behind; nothing once the connection is closed. */
    private void hand(byte[] bytes) {
        try {
            while (!closed && !received.offer(bytes, 100, TimeUnit.MILLISECONDS)) {
                // MQTT's thread is behind: wait, unless the connection ends meanwhile
            }
        } catch (InterruptedException cut) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public byte[] read() {
        try {
            byte[] bytes = received.take();
            return bytes == END ? null : bytes;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    @Override
    public void write(byte[] bytes) {
        session.send(BufferData.create(bytes), true);
    }

    /** Sends the WebSocket's close and closes the TLS connection under it; a {@link #read()} waiting returns null. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        received.clear();
        received.offer(END);
        try {
            session.close(WsCloseCodes.NORMAL_CLOSE, "");
        } catch (UncheckedIOException alreadyClosed) {
            // the client closed first, or the connection was cut
        }
        if (session.socketContext() instanceof ConnectionContext connection) {
            try {
                connection.serverSocket().close();
            } catch (UncheckedIOException alreadyClosed) {
                // closed before: by the client, the connection guard or the keep-alive
            }
        }
    }

    @Override
    public List<X509Certificate> clientChain() {
        return MqttServerConnection.clientChain(session.socketContext().remotePeer());
    }

    @Override
    public String peer() {
        return MqttServerConnection.peer(session.socketContext().remotePeer());
    }

    @Override
    public Optional<String> overCapacity() {
        return guard.overCapMessage(session.socketContext().remotePeer().address(), session.socketContext().localPeer().address());
    }

    @Override
    public void connected() {
        sessionStart.run();
    }
}
