package dev.dpsrig.simulator.http;

import dev.dpsrig.simulator.mqtt.MqttFrontDoor;
import io.helidon.common.buffers.BufferData;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.spi.ServerConnectionSelector;
import java.util.Set;

/**
 * MQTT as a protocol of the web server: a connection whose first byte opens a CONNECT packet is served by
 * {@link MqttServerConnection} for {@code frontDoor}. Any other first byte finds no protocol on the listener, and the
 * web server closes the connection.
 */
final class MqttSelector implements ServerConnectionSelector {
    /** Packet type 1 (CONNECT) in the high nibble, flags 0: the first byte of every MQTT conversation. */
    private static final int CONNECT = 0x10;

    private final MqttFrontDoor frontDoor;
    private final ConnectionGuard guard;
    private final int maxPacketBytes;

    MqttSelector(MqttFrontDoor frontDoor, ConnectionGuard guard, int maxPacketBytes) {
        this.frontDoor = frontDoor;
        this.guard = guard;
        this.maxPacketBytes = maxPacketBytes;
    }

    @Override
    public int bytesToIdentifyConnection() {
        return 1;
    }

    @Override
    public Support supports(BufferData data) {
        return data.available() > 0 && data.get(0) == CONNECT ? Support.SUPPORTED : Support.UNSUPPORTED;
    }

    @Override
    public Set<String> supportedApplicationProtocols() {
        return Set.of();
    }

    @Override
    public ServerConnection connection(ConnectionContext ctx) {
        return new MqttServerConnection(ctx, frontDoor, guard, maxPacketBytes);
    }
}
