package dev.dpsrig.simulator.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class MqttConnectionTest {
    /** Admits everyone; serves {@code echo/#}, answering each PUBLISH on {@code echo/answer}; keeps no sessions. */
    private static final MqttFrontDoor ECHO = echo(connect -> SessionState.ofConnection());

    /** The echo product, each client resuming the session state {@code sessions} gives its CONNECT. */
    private static MqttFrontDoor echo(Function<MqttConnect, SessionState> sessions) {
        return connect -> new Admission.Accepted(new MqttSession() {
            @Override
            public boolean serves(String filter) {
                return filter.equals("echo/#");
            }

            @Override
            public void received(Publish publish, Replies replies) {
                if (!publish.topic().startsWith("echo/")) {
                    throw new ProtocolViolation("not served: " + publish.topic());
                }
                replies.publish("echo/answer", publish.payload());
            }
        }, sessions.apply(connect));
    }

    private final ScriptedLink link = new ScriptedLink();

    @Test
    void aSessionSubscribesPublishesAndPingsAndEndsWithDisconnect() throws Exception {
        link.send(connect(MqttVersion.MQTT_3_1_1, 60));
        link.send(MqttMessageBuilders.subscribe().messageId(1).addSubscription(MqttQoS.EXACTLY_ONCE, "echo/#")
                .addSubscription(MqttQoS.AT_LEAST_ONCE, "other/#").build());
        link.send(MqttMessageBuilders.publish().topicName("echo/in").qos(MqttQoS.AT_LEAST_ONCE).messageId(9)
                .payload(Unpooled.wrappedBuffer("hi".getBytes(StandardCharsets.UTF_8))).build());
        link.send(MqttMessage.PINGREQ);
        link.send(MqttMessage.DISCONNECT);

        serve();

        List<MqttMessage> received = link.received();
        assertThat(received).extracting(packet -> packet.fixedHeader().messageType()).containsExactly(
                MqttMessageType.CONNACK, MqttMessageType.SUBACK, MqttMessageType.PUBACK, MqttMessageType.PUBLISH, MqttMessageType.PINGRESP);
        assertThat(((MqttConnAckMessage) received.get(0)).variableHeader().connectReturnCode())
                .isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
        assertThat(((MqttConnAckMessage) received.get(0)).variableHeader().isSessionPresent()).isFalse();
        assertThat(((MqttSubAckMessage) received.get(1)).payload().grantedQoSLevels()).containsExactly(1, 0x80);
        MqttPublishMessage answer = (MqttPublishMessage) received.get(3);
        assertThat(answer.variableHeader().topicName()).isEqualTo("echo/answer");
        assertThat(answer.fixedHeader().qosLevel()).isEqualTo(MqttQoS.AT_LEAST_ONCE);
        assertThat(answer.variableHeader().packetId()).isEqualTo(1);
        assertThat(answer.payload().toString(StandardCharsets.UTF_8)).isEqualTo("hi");
        assertThat(link.wasConnected()).isTrue();
        assertThat(link.closed()).isTrue();
    }

    @Test
    void anotherMqttVersionIsRefusedWithConnackOne() throws Exception {
        link.send(connect(MqttVersion.MQTT_3_1, 60));

        serve();

        assertThat(link.received()).singleElement().satisfies(packet -> assertThat(((MqttConnAckMessage) packet).variableHeader()
                .connectReturnCode()).isEqualTo(MqttConnectReturnCode.CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION));
        assertThat(link.wasConnected()).isFalse();
    }

    @Test
    void aListenerOverItsConnectionCapRefusesWithConnackThree() throws Exception {
        link.overCapacity("too many connections from test");
        link.send(connect(MqttVersion.MQTT_3_1_1, 60));

        serve();

        assertThat(link.received()).singleElement().satisfies(packet -> assertThat(((MqttConnAckMessage) packet).variableHeader()
                .connectReturnCode()).isEqualTo(MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE));
        assertThat(link.wasConnected()).isFalse();
    }

    @Test
    void aFirstPacketOtherThanConnectAMalformedPacketAQos2PublishOrAnUnservedTopicCloseTheConnectionUnanswered()
            throws Exception {
        link.send(MqttMessage.PINGREQ);
        serve();
        assertThat(link.received()).isEmpty();

        for (byte[] malformed : List.of(new byte[] {0x10, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x01},
                new byte[] {(byte) 0xF0, 0x00})) {
            ScriptedLink other = new ScriptedLink();
            other.send(connect(MqttVersion.MQTT_3_1_1, 60));
            other.sendBytes(malformed);
            new MqttConnection(other, ECHO, 1024).serve();
            assertThat(other.received()).extracting(packet -> packet.fixedHeader().messageType()).containsExactly(MqttMessageType.CONNACK);
            assertThat(other.closed()).isTrue();
        }

        for (MqttPublishMessage publish : List.of(
                MqttMessageBuilders.publish().topicName("echo/in").qos(MqttQoS.EXACTLY_ONCE).messageId(3).payload(Unpooled.EMPTY_BUFFER).build(),
                MqttMessageBuilders.publish().topicName("elsewhere").qos(MqttQoS.AT_LEAST_ONCE).messageId(4).payload(Unpooled.EMPTY_BUFFER).build())) {
            ScriptedLink other = new ScriptedLink();
            other.send(connect(MqttVersion.MQTT_3_1_1, 60));
            other.send(publish);
            new MqttConnection(other, ECHO, 1024).serve();
            assertThat(other.received()).extracting(packet -> packet.fixedHeader().messageType()).containsExactly(MqttMessageType.CONNACK);
            assertThat(other.closed()).isTrue();
        }
    }

    @Test
    void aPacketLargerThanTheLimitEndsTheConnection() throws Exception {
        link.send(connect(MqttVersion.MQTT_3_1_1, 60));
        link.send(MqttMessageBuilders.publish().topicName("echo/in").qos(MqttQoS.AT_MOST_ONCE)
                .payload(Unpooled.wrappedBuffer(new byte[2048])).build());

        serve();

        assertThat(link.received()).extracting(packet -> packet.fixedHeader().messageType()).containsExactly(MqttMessageType.CONNACK);
    }

    @Test
    void aClientSilentForOneAndAHalfTimesItsKeepAliveIsCutOff() throws Exception {
        link.send(connect(MqttVersion.MQTT_3_1_1, 1));
        long start = System.nanoTime();

        serve();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(1400), Duration.ofSeconds(10));
        assertThat(link.closed()).isTrue();
    }

    /** CleanSession 0 resumes the subscriptions of the client's earlier connection; CleanSession 1 discards them. */
    @Test
    void aKeptSessionResumesItsSubscriptionsUntilACleanSessionDiscardsThem() throws Exception {
        MqttFrontDoor keeping = echo(new PersistentSessions()::resume);
        ScriptedLink first = new ScriptedLink();
        first.send(connect(false));
        first.send(MqttMessageBuilders.subscribe().messageId(1).addSubscription(MqttQoS.AT_LEAST_ONCE, "echo/#").build());
        first.send(MqttMessage.DISCONNECT);
        serve(first, keeping);

        ScriptedLink resumed = publishOnce(keeping, false);
        ScriptedLink clean = publishOnce(keeping, true);
        ScriptedLink afterClean = publishOnce(keeping, false);

        assertThat(sessionPresent(first)).isFalse();
        assertThat(resumed.received()).extracting(packet -> packet.fixedHeader().messageType())
                .containsExactly(MqttMessageType.CONNACK, MqttMessageType.PUBACK, MqttMessageType.PUBLISH);
        assertThat(sessionPresent(resumed)).isTrue();
        assertThat(clean.received()).extracting(packet -> packet.fixedHeader().messageType())
                .containsExactly(MqttMessageType.CONNACK, MqttMessageType.PUBACK);
        assertThat(sessionPresent(clean)).isFalse();
        assertThat(afterClean.received()).extracting(packet -> packet.fixedHeader().messageType())
                .containsExactly(MqttMessageType.CONNACK, MqttMessageType.PUBACK);
        assertThat(sessionPresent(afterClean)).isFalse();
    }

    @Test
    void filtersMatchAsMqttSays() {
        assertThat(Subscriptions.matches("$dps/registrations/res/#", "$dps/registrations/res/202/?$rid=1")).isTrue();
        assertThat(Subscriptions.matches("$dps/registrations/res/#", "$dps/registrations/res")).isTrue();
        assertThat(Subscriptions.matches("devices/+/messages/devicebound/#", "devices/d1/messages/devicebound/a=b")).isTrue();
        assertThat(Subscriptions.matches("devices/+/messages", "devices/d1/x/messages")).isFalse();
        assertThat(Subscriptions.matches("a/b", "a/b/c")).isFalse();
    }

    private void serve() throws Exception {
        serve(link, ECHO);
    }

    private static void serve(ScriptedLink client, MqttFrontDoor frontDoor) throws Exception {
        CompletableFuture.runAsync(() -> new MqttConnection(client, frontDoor, 1024).serve()).get(15, TimeUnit.SECONDS);
    }

    /** A connection that publishes on {@code echo/in} at QoS 1, subscribing to nothing, and disconnects. */
    private static ScriptedLink publishOnce(MqttFrontDoor frontDoor, boolean cleanSession) throws Exception {
        ScriptedLink client = new ScriptedLink();
        client.send(connect(cleanSession));
        client.send(MqttMessageBuilders.publish().topicName("echo/in").qos(MqttQoS.AT_LEAST_ONCE).messageId(2)
                .payload(Unpooled.wrappedBuffer("again".getBytes(StandardCharsets.UTF_8))).build());
        client.send(MqttMessage.DISCONNECT);
        serve(client, frontDoor);
        return client;
    }

    private static boolean sessionPresent(ScriptedLink client) {
        return ((MqttConnAckMessage) client.received().getFirst()).variableHeader().isSessionPresent();
    }

    private static MqttMessage connect(boolean cleanSession) {
        return MqttMessageBuilders.connect().clientId("device-1").protocolVersion(MqttVersion.MQTT_3_1_1).cleanSession(cleanSession)
                .keepAlive(60).build();
    }

    private static MqttMessage connect(MqttVersion version, int keepAliveSeconds) {
        return MqttMessageBuilders.connect().clientId("device-1").protocolVersion(version).cleanSession(true)
                .keepAlive(keepAliveSeconds).build();
    }
}
