package dev.dpsrig.simulator.mqtt;

import dev.dpsrig.certs.TlsContexts;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

/**
 * MQTT 3.1.1 packets over a bare TLS socket, with no client library between the test and the wire: what the
 * server wrote is read to the end of the connection and decoded, so a test sees every packet and the close in
 * the order they came, even where a client library would hide a packet that arrived just before the close.
 */
public final class RawMqttWire implements AutoCloseable {
    private final SSLSocket socket;

    private RawMqttWire(SSLSocket socket) {
        this.socket = socket;
    }

    /** A TLS connection to {@code port} on loopback, trusting {@code root}, the handshake done. */
    public static RawMqttWire open(int port, X509Certificate root) throws IOException {
        SSLSocket socket = (SSLSocket) TlsContexts.client(List.of(root)).getSocketFactory().createSocket("127.0.0.1", port);
        socket.startHandshake();
        return new RawMqttWire(socket);
    }

    /** Writes {@code packets}, encoded as a client would send them. */
    public void send(MqttMessage... packets) throws IOException {
        EmbeddedChannel encoder = new EmbeddedChannel(MqttEncoder.INSTANCE);
        for (MqttMessage packet : packets) {
            encoder.writeOutbound(packet);
        }
        for (ByteBuf encoded = encoder.readOutbound(); encoded != null; encoded = encoder.readOutbound()) {
            byte[] bytes = new byte[encoded.readableBytes()];
            encoded.readBytes(bytes);
            encoded.release();
            socket.getOutputStream().write(bytes);
        }
        socket.getOutputStream().flush();
    }

    /**
     * Everything the server writes until it closes the connection, decoded.
     *
     * @throws IOException when the connection is still open after {@code wait}
     */
    public List<MqttMessage> readUntilClosed(Duration wait) throws IOException {
        socket.setSoTimeout((int) wait.toMillis());
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        try {
            in.transferTo(received);
        } catch (SSLException reset) {
            // a close without close_notify: what arrived before it counts
        }
        EmbeddedChannel decoder = new EmbeddedChannel(new MqttDecoder());
        decoder.writeInbound(Unpooled.wrappedBuffer(received.toByteArray()));
        List<MqttMessage> packets = new ArrayList<>();
        for (MqttMessage packet = decoder.readInbound(); packet != null; packet = decoder.readInbound()) {
            packets.add(packet);
        }
        return packets;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
