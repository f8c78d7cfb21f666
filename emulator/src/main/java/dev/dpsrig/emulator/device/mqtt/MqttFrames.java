package dev.dpsrig.emulator.device.mqtt;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** The MQTT 3.1.1 packets a device sends, as bytes: CONNECT, PUBLISH at QoS 1, PUBACK, SUBSCRIBE, PINGREQ, DISCONNECT. */
final class MqttFrames {
    private static final int PROTOCOL_LEVEL = 4;

    private MqttFrames() {
    }

    /** A clean-session CONNECT; no password for a device that authenticates with its certificate. */
    static byte[] connect(String clientId, String username, Optional<String> password, int keepAliveSeconds) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        string(body, "MQTT");
        body.write(PROTOCOL_LEVEL);
        body.write(0x80 | (password.isPresent() ? 0x40 : 0) | 0x02);
        short16(body, keepAliveSeconds);
        string(body, clientId);
        string(body, username);
        password.ifPresent(text -> string(body, text));
        return packet(0x10, body);
    }

    static byte[] publish(String topic, int packetId, byte[] payload) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(topic.length() + payload.length + 4);
        string(body, topic);
        short16(body, packetId);
        body.writeBytes(payload);
        return packet(0x32, body);
    }

    static byte[] puback(int packetId) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(2);
        short16(body, packetId);
        return packet(0x40, body);
    }

    static byte[] subscribe(int packetId, String filter) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        short16(body, packetId);
        string(body, filter);
        body.write(1);
        return packet(0x82, body);
    }

    static byte[] pingreq() {
        return new byte[] {(byte) 0xC0, 0};
    }

    static byte[] disconnect() {
        return new byte[] {(byte) 0xE0, 0};
    }

    private static byte[] packet(int header, ByteArrayOutputStream body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.size() + 5);
        out.write(header);
        int length = body.size();
        do {
            int digit = length & 0x7F;
            length >>>= 7;
            out.write(length > 0 ? digit | 0x80 : digit);
        } while (length > 0);
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    private static void string(ByteArrayOutputStream out, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        short16(out, bytes.length);
        out.writeBytes(bytes);
    }

    private static void short16(ByteArrayOutputStream out, int value) {
        out.write((value >>> 8) & 0xFF);
        out.write(value & 0xFF);
    }
}
