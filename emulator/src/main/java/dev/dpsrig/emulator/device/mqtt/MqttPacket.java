package dev.dpsrig.emulator.device.mqtt;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The MQTT 3.1.1 packets a device receives from DPS or its hub, and how they are read off the wire: CONNACK, PUBLISH
 * (answers, cloud-to-device messages), PUBACK, SUBACK and PINGRESP. What a device sends is {@link MqttFrames}.
 */
sealed interface MqttPacket {
    /** The largest packet a device accepts: the hub's 256 KiB cloud-to-device limit with room for its topic. */
    int MAX_REMAINING_LENGTH = 512 * 1024;

    /** The CONNACK: 0 accepted, 1 to 5 refused (see {@link ConnackRefusal}). */
    record Connack(int returnCode) implements MqttPacket {
    }

    /** A message from the server; {@code packetId} is present at QoS 1 and must be acknowledged. */
    record Publish(String topic, int qos, Optional<Integer> packetId, byte[] payload) implements MqttPacket {
    }

    /** The server's acknowledgement of the device's QoS 1 PUBLISH {@code packetId}. */
    record Puback(int packetId) implements MqttPacket {
    }

    /**
     * The server's answer to the device's SUBSCRIBE {@code packetId}.
     *
     * @param returnCode the first filter's granted QoS, or {@code 0x80} for a refusal
     */
    record Suback(int packetId, int returnCode) implements MqttPacket {
    }

    /** The server's answer to a PINGREQ: it is still there. */
    record Pingresp() implements MqttPacket {
    }

    /** A packet type a device has no use for (UNSUBACK): read and passed over. */
    record Other(int type) implements MqttPacket {
    }

    /**
     * Reads one whole packet.
     *
     * @throws EOFException when the connection ends, before or within a packet
     * @throws IOException  for a packet that breaks MQTT 3.1.1
     */
    static MqttPacket read(InputStream in) throws IOException {
        int first = in.read();
        if (first < 0) {
            throw new EOFException("the server closed the connection");
        }
        int length = remainingLength(in);
        byte[] body = in.readNBytes(length);
        if (body.length < length) {
            throw new EOFException("the connection ended within a packet");
        }
        int type = first >>> 4;
        return switch (type) {
            case 2 -> new Connack(needs(body, 2, "CONNACK")[1] & 0xFF);
            case 3 -> publish(first, body);
            case 4 -> new Puback(id(needs(body, 2, "PUBACK"), 0));
            case 9 -> new Suback(id(needs(body, 3, "SUBACK"), 0), body[2] & 0xFF);
            case 13 -> new Pingresp();
            default -> new Other(type);
        };
    }

    private static MqttPacket publish(int first, byte[] body) throws IOException {
        int qos = (first >>> 1) & 3;
        int topicLength = id(needs(body, 2, "PUBLISH"), 0);
        int offset = 2 + topicLength + (qos > 0 ? 2 : 0);
        needs(body, offset, "PUBLISH");
        String topic = new String(body, 2, topicLength, StandardCharsets.UTF_8);
        Optional<Integer> packetId = qos > 0 ? Optional.of(id(body, 2 + topicLength)) : Optional.empty();
        ByteArrayOutputStream payload = new ByteArrayOutputStream(body.length - offset);
        payload.write(body, offset, body.length - offset);
        return new Publish(topic, qos, packetId, payload.toByteArray());
    }

    private static int remainingLength(InputStream in) throws IOException {
        int value = 0;
        for (int shift = 0; shift < 28; shift += 7) {
            int digit = in.read();
            if (digit < 0) {
                throw new EOFException("the connection ended within a packet's header");
            }
            value |= (digit & 0x7F) << shift;
            if ((digit & 0x80) == 0) {
                if (value > MAX_REMAINING_LENGTH) {
                    throw new IOException("the server sent a packet of " + value + " bytes, over the " + MAX_REMAINING_LENGTH
                            + " a device accepts");
                }
                return value;
            }
        }
        throw new IOException("the server sent a remaining length of more than four bytes");
    }

    private static byte[] needs(byte[] body, int length, String packet) throws IOException {
        if (body.length < length) {
            throw new IOException("the server sent a " + packet + " of " + body.length + " bytes, too short");
        }
        return body;
    }

    private static int id(byte[] body, int at) {
        return ((body[at] & 0xFF) << 8) | (body[at + 1] & 0xFF);
    }
}
