package dev.dpsrig.emulator.device.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** MQTT 3.1.1 framing as the device writes and reads it. */
class MqttPacketTest {

    @Test
    void aPublishLongerThanOneLengthByteReadsBackWithItsTopicIdAndPayload() throws IOException {
        byte[] payload = new byte[300];
        Arrays.fill(payload, (byte) 'x');

        MqttPacket read = MqttPacket.read(new ByteArrayInputStream(MqttFrames.publish("devices/d/messages/events/k=v", 513, payload)));

        assertThat(read).isInstanceOfSatisfying(MqttPacket.Publish.class, publish -> {
            assertThat(publish.topic()).isEqualTo("devices/d/messages/events/k=v");
            assertThat(publish.qos()).isEqualTo(1);
            assertThat(publish.packetId()).isEqualTo(Optional.of(513));
            assertThat(publish.payload()).isEqualTo(payload);
        });
    }

    @Test
    void theServersAnswersAreReadByType() throws IOException {
        assertThat(MqttPacket.read(new ByteArrayInputStream(new byte[] {0x20, 2, 0, 5}))).isEqualTo(new MqttPacket.Connack(5));
        assertThat(MqttPacket.read(new ByteArrayInputStream(MqttFrames.puback(258)))).isEqualTo(new MqttPacket.Puback(258));
        assertThat(MqttPacket.read(new ByteArrayInputStream(new byte[] {(byte) 0x90, 3, 0, 1, (byte) 0x80})))
                .isEqualTo(new MqttPacket.Suback(1, 0x80));
        assertThat(MqttPacket.read(new ByteArrayInputStream(new byte[] {(byte) 0xD0, 0}))).isEqualTo(new MqttPacket.Pingresp());
    }

    @Test
    void aConnectCarriesItsPasswordFlagOnlyWithAPassword() {
        byte[] withPassword = MqttFrames.connect("d", "hub/d/?api-version=2021-04-12", Optional.of("SharedAccessSignature sr=x"), 60);
        byte[] withoutPassword = MqttFrames.connect("d", "hub/d/?api-version=2021-04-12", Optional.empty(), 60);

        assertThat(withPassword[9]).isEqualTo((byte) 0xC2);
        assertThat(withoutPassword[9]).isEqualTo((byte) 0x82);
    }

    @Test
    void aConnectionEndingWithinAPacketOrAnOversizedPacketIsAnError() {
        assertThatThrownBy(() -> MqttPacket.read(new ByteArrayInputStream(new byte[0]))).isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> MqttPacket.read(new ByteArrayInputStream(new byte[] {0x30, 10, 0}))).isInstanceOf(EOFException.class)
                .hasMessageContaining("within a packet");
        assertThatThrownBy(() -> MqttPacket.read(new ByteArrayInputStream(new byte[] {0x30, (byte) 0xFF, (byte) 0xFF, 0x7F})))
                .hasMessageContaining("over the");
    }
}
