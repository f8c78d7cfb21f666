package dev.dpsrig.simulator.mqtt;

import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttIdentifierRejectedException;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;
import io.netty.handler.codec.mqtt.MqttUnacceptableProtocolVersionException;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;
import io.netty.util.ReferenceCountUtil;
import java.lang.System.Logger.Level;
import java.lang.System.Logger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One client's MQTT 3.1.1 conversation with a product, from its CONNECT to the connection's end: the CONNECT goes to
 * the {@link MqttFrontDoor}, which accepts or refuses it (CONNACK; 3 without asking it when the listener is over its
 * connection cap); then PINGREQ is answered, SUBSCRIBE granted for the
 * filters the product serves (QoS 1 at most, 0x80 for the rest), PUBLISH with QoS 0 or 1 handed to the session and
 * acknowledged before its answers go out, on the topics the client subscribed to; what the session pushes of its own
 * accord goes out through the {@link Outbox}, and a PUBACK for it is handed back. Packets are written one at a time,
 * whichever thread sends them. A malformed packet, a second
 * CONNECT, a QoS 2 PUBLISH or anything else a client never sends ends the connection, and the log says why; so does a
 * silence longer than {@link KeepAlive} allows. The subscriptions are the {@link SessionState} the CONNECT resumed:
 * those kept from an earlier connection are served again at once (Session Present in the CONNACK).
 */
public final class MqttConnection {
    private static final Logger LOG = System.getLogger(MqttConnection.class.getName());
    /** The only protocol level Azure's MQTT endpoints speak: 3.1.1. */
    private static final int MQTT_3_1_1 = 4;

    private final MqttLink link;
    private final MqttFrontDoor frontDoor;
    private final MqttCodec codec;
    private Outbox outbox;
    private final Object writing = new Object();
    private String clientId = "";
    private MqttSession session;
    private KeepAlive keepAlive;

    /** @param maxPacketBytes the largest packet the client may send; a larger one ends the connection */
    public MqttConnection(MqttLink link, MqttFrontDoor frontDoor, int maxPacketBytes) {
        this.link = link;
        this.frontDoor = frontDoor;
        this.codec = new MqttCodec(maxPacketBytes);
    }

    /** Serves the client until it disconnects or is cut off; the link is closed on return. */
    public void serve() {
        try {
            boolean open = true;
            while (open) {
                byte[] bytes = link.read();
                if (bytes == null) {
                    return;
                }
                if (keepAlive != null) {
                    keepAlive.heard();
                }
                open = handleAll(codec.decode(bytes));
            }
        } catch (ProtocolViolation | ConnectionDropped end) {
            LOG.log(Level.INFO, "closed the MQTT connection of " + who() + ": " + end.getMessage());
        } finally {
            if (keepAlive != null) {
                keepAlive.close();
            }
            if (session != null) {
                session.closed();
            }
            codec.close();
            link.close();
        }
    }

    /** Handles the packets in order and releases them all; false once the connection is to end. */
    private boolean handleAll(List<MqttMessage> packets) {
        boolean open = true;
        try {
            for (MqttMessage packet : packets) {
                open = open && handle(packet);
            }
        } finally {
            packets.forEach(ReferenceCountUtil::release);
        }
        return open;
    }

    private boolean handle(MqttMessage packet) {
        if (packet.decoderResult().isFailure()) {
            return malformed(packet.decoderResult().cause());
        }
        if (session == null) {
            if (!(packet instanceof MqttConnectMessage connect)) {
                throw new ProtocolViolation("the first packet was " + packet.fixedHeader().messageType() + ", not CONNECT");
            }
            return connect(connect);
        }
        switch (packet.fixedHeader().messageType()) {
            case PUBLISH -> publish((MqttPublishMessage) packet);
            case PUBACK -> outbox.acknowledged(((MqttMessageIdVariableHeader) packet.variableHeader()).messageId());
            case SUBSCRIBE -> subscribe((MqttSubscribeMessage) packet);
            case UNSUBSCRIBE -> unsubscribe((MqttUnsubscribeMessage) packet);
            case PINGREQ -> send(MqttMessage.PINGRESP);
            case DISCONNECT -> {
                return false;
            }
            default -> throw new ProtocolViolation("a client does not send " + packet.fixedHeader().messageType()
                    + " after its CONNECT was accepted");
        }
        return true;
    }

    /** A CONNECT of another MQTT version or with a client id the decoder cannot take gets its CONNACK; anything else is cut off. */
    private boolean malformed(Throwable cause) {
        if (session == null && cause instanceof MqttUnacceptableProtocolVersionException) {
            return refuse(ConnectRefusal.UNACCEPTABLE_PROTOCOL_VERSION, "the CONNECT names a protocol other than MQTT 3.1.1");
        }
        if (session == null && cause instanceof MqttIdentifierRejectedException) {
            return refuse(ConnectRefusal.IDENTIFIER_REJECTED, String.valueOf(cause.getMessage()));
        }
        throw new ProtocolViolation("malformed packet (" + cause.getMessage() + ")");
    }

    private boolean connect(MqttConnectMessage packet) {
        clientId = packet.payload().clientIdentifier();
        if (packet.variableHeader().version() != MQTT_3_1_1) {
            return refuse(ConnectRefusal.UNACCEPTABLE_PROTOCOL_VERSION, "protocol level " + packet.variableHeader().version()
                    + "; only MQTT 3.1.1 (level 4) is served");
        }
        Optional<String> overCapacity = link.overCapacity();
        if (overCapacity.isPresent()) {
            return refuse(ConnectRefusal.SERVER_UNAVAILABLE, overCapacity.get());
        }
        byte[] password = packet.variableHeader().hasPassword() ? packet.payload().passwordInBytes() : null;
        MqttConnect connect = new MqttConnect(clientId,
                packet.variableHeader().hasUserName() ? Optional.ofNullable(packet.payload().userName()) : Optional.empty(),
                password == null || password.length == 0 ? Optional.empty() : Optional.of(new String(password, StandardCharsets.UTF_8)),
                Duration.ofSeconds(packet.variableHeader().keepAliveTimeSeconds()),
                packet.variableHeader().isCleanSession(),
                link.clientChain());
        return switch (frontDoor.admit(connect)) {
            case Admission.Refused refused -> refuse(refused.refusal(), refused.reason());
            case Admission.Accepted accepted -> {
                session = accepted.session();
                outbox = new Outbox(accepted.state().subscriptions, this::send, link::close, this::who);
                link.connected();
                keepAlive = KeepAlive.start(connect.keepAlive(), this::expire);
                send(connAck(MqttConnectReturnCode.CONNECTION_ACCEPTED, accepted.state().present));
                session.opened(outbox);
                accepted.state().subscriptions.filters().forEach(session::subscribed);
                yield true;
            }
        };
    }

    private boolean refuse(ConnectRefusal refusal, String reason) {
        LOG.log(Level.INFO, "refused the MQTT CONNECT of " + who() + " with CONNACK " + refusal.code() + " (" + refusal + "): " + reason);
        send(connAck(refusal.returnCode(), false));
        return false;
    }

    private void expire(Duration limit) {
        LOG.log(Level.INFO, "closed the MQTT connection of " + who() + ": nothing arrived within " + limit.toMillis()
                + " ms, one and a half times the keep-alive it asked for");
        link.close();
    }

    private void publish(MqttPublishMessage packet) {
        String topic = packet.variableHeader().topicName();
        MqttQoS qos = packet.fixedHeader().qosLevel();
        if (qos == MqttQoS.EXACTLY_ONCE) {
            throw new ProtocolViolation("PUBLISH with QoS 2 to '" + topic + "'; only QoS 0 and 1 are served");
        }
        List<MqttSession.Publish> answers = new ArrayList<>();
        try {
            session.received(new MqttSession.Publish(topic, ByteBufUtil.getBytes(packet.payload())),
                    (answerTopic, payload) -> answers.add(new MqttSession.Publish(answerTopic, payload)));
        } catch (ConnectionDropped dropped) {
            if (dropped.acknowledgedFirst()) {
                acknowledge(packet);
            }
            answers.forEach(outbox::answer);
            throw dropped;
        }
        acknowledge(packet);
        answers.forEach(outbox::answer);
    }

    private void acknowledge(MqttPublishMessage packet) {
        if (packet.fixedHeader().qosLevel() == MqttQoS.AT_LEAST_ONCE) {
            send(MqttMessageBuilders.pubAck().packetId(packet.variableHeader().packetId()).build());
        }
    }

    private void subscribe(MqttSubscribeMessage packet) {
        List<MqttQoS> granted = new ArrayList<>();
        List<String> served = new ArrayList<>();
        for (MqttTopicSubscription subscription : packet.payload().topicSubscriptions()) {
            if (session.serves(subscription.topicFilter())) {
                granted.add(outbox.subscriptions().subscribe(subscription.topicFilter(), subscription.qualityOfService()));
                served.add(subscription.topicFilter());
            } else {
                LOG.log(Level.INFO, "refused the subscription of " + who() + " to '" + subscription.topicFilter()
                        + "': no such topic filter is served");
                granted.add(MqttQoS.FAILURE);
            }
        }
        send(MqttMessageBuilders.subAck().packetId(packet.variableHeader().messageId())
                .addGrantedQoses(granted.toArray(MqttQoS[]::new)).build());
        served.forEach(session::subscribed);
    }

    private void unsubscribe(MqttUnsubscribeMessage packet) {
        packet.payload().topics().forEach(outbox.subscriptions()::unsubscribe);
        send(MqttMessageBuilders.unsubAck().packetId(packet.variableHeader().messageId()).build());
    }

    private static MqttMessage connAck(MqttConnectReturnCode code, boolean sessionPresent) {
        return MqttMessageBuilders.connAck().returnCode(code).sessionPresent(sessionPresent).build();
    }

    private void send(MqttMessage packet) {
        synchronized (writing) {
            link.write(codec.encode(packet));
        }
    }

    private String who() {
        return (clientId.isEmpty() ? "a client" : "'" + clientId + "'") + " from " + link.peer();
    }
}
