package dev.dpsrig.simulator.mqtt;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttQoS;
import java.lang.System.Logger.Level;
import java.lang.System.Logger;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The PUBLISHes the server sends one client, answers and pushed messages alike: only on topics it subscribed to, at
 * the QoS it was granted, a QoS 1 one under a packet id of its own until the client's PUBACK for that id arrives.
 */
final class Outbox implements MqttSession.Outbound {
    private static final Logger LOG = System.getLogger(Outbox.class.getName());
    private static final Runnable NOTHING = () -> {
    };

    private final Subscriptions subscriptions;
    private final Consumer<MqttMessage> send;
    private final Runnable disconnect;
    private final Supplier<String> who;
    private final PacketIds packetIds = new PacketIds();
    private final Map<Integer, Runnable> awaitingAck = new ConcurrentHashMap<>();

    /**
     * @param send       writes one packet to the client
     * @param disconnect ends the connection
     * @param who        names the client in log lines
     */
    Outbox(Subscriptions subscriptions, Consumer<MqttMessage> send, Runnable disconnect, Supplier<String> who) {
        this.subscriptions = subscriptions;
        this.send = send;
        this.disconnect = disconnect;
        this.who = who;
    }

    /** The client's subscriptions, on whose topics it is sent what it is sent. */
    Subscriptions subscriptions() {
        return subscriptions;
    }

    /** An answer, whose PUBACK nothing waits for. */
    void answer(MqttSession.Publish answer) {
        publish(answer.topic(), answer.payload(), NOTHING);
    }

    @Override
    public boolean publish(String topic, byte[] payload, Runnable acknowledged) {
        Optional<MqttQoS> qos = subscriptions.deliveryQos(topic);
        if (qos.isEmpty()) {
            LOG.log(Level.DEBUG, "sent " + who.get() + " nothing on '" + topic + "': it subscribed to no filter matching it");
            return false;
        }
        int packetId = qos.get() == MqttQoS.AT_MOST_ONCE ? 0 : packetIds.next();
        if (packetId != 0) {
            awaitingAck.put(packetId, acknowledged);
        }
        send.accept(MqttMessageBuilders.publish()
                .topicName(topic)
                .qos(qos.get())
                .retained(false)
                .messageId(packetId)
                .payload(Unpooled.wrappedBuffer(payload))
                .build());
        if (packetId == 0) {
            acknowledged.run();
        }
        return true;
    }

    /** The client's PUBACK for {@code packetId}: what waited for it runs. */
    void acknowledged(int packetId) {
        Runnable waiting = awaitingAck.remove(packetId);
        if (waiting == null) {
            LOG.log(Level.DEBUG, who.get() + " acknowledged packet id " + packetId + ", which awaits no PUBACK");
            return;
        }
        waiting.run();
    }

    @Override
    public void disconnect() {
        disconnect.run();
    }
}
