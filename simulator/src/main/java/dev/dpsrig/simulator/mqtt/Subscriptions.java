package dev.dpsrig.simulator.mqtt;

import io.netty.handler.codec.mqtt.MqttQoS;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The topic filters one client subscribed to, each with the QoS it was granted: at most 1, as Azure's endpoints
 * grant a QoS 2 request. They last as long as the client's {@link SessionState}: its connection, or longer for a
 * product that keeps sessions ({@link PersistentSessions}).
 */
final class Subscriptions {
    private final Map<String, MqttQoS> granted = new ConcurrentHashMap<>();

    /** Records the subscription and says what was granted. */
    MqttQoS subscribe(String filter, MqttQoS requested) {
        MqttQoS qos = requested == MqttQoS.AT_MOST_ONCE ? MqttQoS.AT_MOST_ONCE : MqttQoS.AT_LEAST_ONCE;
        granted.put(filter, qos);
        return qos;
    }

    /** The filters subscribed to, in no particular order. */
    Set<String> filters() {
        return Set.copyOf(granted.keySet());
    }

    void unsubscribe(String filter) {
        granted.remove(filter);
    }

    /** The QoS a message on {@code topic} is delivered with: the highest of the matching filters; empty when none matches. */
    Optional<MqttQoS> deliveryQos(String topic) {
        return granted.entrySet().stream()
                .filter(subscription -> matches(subscription.getKey(), topic))
                .map(Map.Entry::getValue)
                .max(Enum::compareTo);
    }

    /** MQTT's matching: {@code +} is one level, a final {@code #} this level and all below. */
    static boolean matches(String filter, String topic) {
        String[] filterLevels = filter.split("/", -1);
        String[] topicLevels = topic.split("/", -1);
        for (int i = 0; i < filterLevels.length; i++) {
            if (filterLevels[i].equals("#")) {
                return i == filterLevels.length - 1;
            }
            if (i >= topicLevels.length || !(filterLevels[i].equals("+") || filterLevels[i].equals(topicLevels[i]))) {
                return false;
            }
        }
        return filterLevels.length == topicLevels.length;
    }
}
