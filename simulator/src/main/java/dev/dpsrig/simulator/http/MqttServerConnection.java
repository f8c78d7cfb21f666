package dev.dpsrig.simulator.http;

import dev.dpsrig.simulator.mqtt.MqttConnection;
import dev.dpsrig.simulator.mqtt.MqttFrontDoor;
import dev.dpsrig.simulator.mqtt.MqttLink;
import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataReader;
import io.helidon.common.concurrency.limits.Limit;
import io.helidon.common.socket.PeerInfo;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.spi.ServerConnection;
import java.io.UncheckedIOException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One MQTT client on a listener of the web server: the connection's bytes (after TLS) and its client certificate
 * handed to {@link MqttConnection}. Until the CONNECT is accepted the {@link ConnectionGuard}'s deadlines hold it as
 * any connection that has not yet said what it wants; after, MQTT's keep-alive does.
 */
final class MqttServerConnection implements ServerConnection, MqttLink {
    private final ConnectionContext ctx;
    private final MqttFrontDoor frontDoor;
    private final ConnectionGuard guard;
    private final int maxPacketBytes;
    private Runnable sessionStart;

    MqttServerConnection(ConnectionContext ctx, MqttFrontDoor frontDoor, ConnectionGuard guard, int maxPacketBytes) {
        this.ctx = ctx;
        this.frontDoor = frontDoor;
        this.guard = guard;
        this.maxPacketBytes = maxPacketBytes;
    }

    @Override
    public void handle(Limit limit) {
        sessionStart = guard.sessionStart();
        new MqttConnection(this, frontDoor, maxPacketBytes).serve();
    }

    /** Never idle to the web server's own check, which is off on these listeners: MQTT's keep-alive decides. */
    @Override
    public Duration idleTime() {
        return Duration.ZERO;
    }

    @Override
    public void close(boolean interrupt) {
        close();
    }

    @Override
    public byte[] read() {
        DataReader reader = ctx.dataReader();
        try {
            if (reader.available() == 0) {
                reader.pullData();
            }
            return reader.readBytes(reader.available());
        } catch (DataReader.InsufficientDataAvailableException | UncheckedIOException closed) {
            // The client closed, or the connection was cut (keep-alive, a deadline of the guard).
            return null;
        }
    }

    @Override
    public void write(byte[] bytes) {
        ctx.dataWriter().writeNow(BufferData.create(bytes));
    }

    @Override
    public void close() {
        try {
            ctx.serverSocket().close();
        } catch (UncheckedIOException alreadyClosed) {
            // closed before: by the client, the connection guard or the keep-alive
        }
    }

    @Override
    public List<X509Certificate> clientChain() {
        return clientChain(ctx.remotePeer());
    }

    @Override
    public String peer() {
        return peer(ctx.remotePeer());
    }

    /** The certificate chain {@code client} presented in its TLS handshake, leaf first; empty when it sent none. */
    static List<X509Certificate> clientChain(PeerInfo client) {
        return client.tlsCertificates().stream()
                .flatMap(Arrays::stream)
                .filter(X509Certificate.class::isInstance)
                .map(X509Certificate.class::cast)
                .toList();
    }

    /** {@code host:port} of {@code client}, for log lines. */
    static String peer(PeerInfo client) {
        return client.host() + ":" + client.port();
    }

    @Override
    public Optional<String> overCapacity() {
        return guard.overCapMessage(ctx.remotePeer().address(), ctx.localPeer().address());
    }

    @Override
    public void connected() {
        sessionStart.run();
    }
}
