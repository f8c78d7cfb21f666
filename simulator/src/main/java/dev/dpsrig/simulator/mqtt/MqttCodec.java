package dev.dpsrig.simulator.mqtt;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * MQTT packets to and from bytes for one connection, by Netty's codec: its decoder and encoder in a channel of their
 * own that no network touches, fed the bytes the web server read. The decoder keeps the packet it is in the middle
 * of, and the MQTT version the CONNECT named, from one call to the next. A malformed packet comes out as a message
 * whose {@code decoderResult()} is a failure, after which the decoder takes nothing more.
 */
final class MqttCodec {
    private final EmbeddedChannel channel;

    /** @param maxPacketBytes the largest packet taken; a larger one is a decoding failure */
    MqttCodec(int maxPacketBytes) {
        this.channel = new EmbeddedChannel(new MqttDecoder(maxPacketBytes), MqttEncoder.INSTANCE);
    }

    /** The packets these bytes complete, in order; the caller releases them. */
    synchronized List<MqttMessage> decode(byte[] bytes) {
        channel.writeInbound(Unpooled.wrappedBuffer(bytes));
        List<MqttMessage> packets = new ArrayList<>();
        for (Object packet = channel.readInbound(); packet != null; packet = channel.readInbound()) {
            packets.add((MqttMessage) packet);
        }
        return packets;
    }

    /** The packet's bytes; a packet with a payload has it released. */
    synchronized byte[] encode(MqttMessage packet) {
        channel.writeOutbound(packet);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object encoded = channel.readOutbound(); encoded != null; encoded = channel.readOutbound()) {
            ByteBuf buffer = (ByteBuf) encoded;
            try {
                out.writeBytes(ByteBufUtil.getBytes(buffer));
            } finally {
                buffer.release();
            }
        }
        return out.toByteArray();
    }

    synchronized void close() {
        channel.finishAndReleaseAll();
    }
}
