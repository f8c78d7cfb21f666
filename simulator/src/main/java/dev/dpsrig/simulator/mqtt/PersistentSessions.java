package dev.dpsrig.simulator.mqtt;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sessions a product keeps for clients that connect with CleanSession 0, by client id, as MQTT 3.1.1 says and IoT
 * Hub does: the subscriptions outlive the connection, and the client's next CONNECT with CleanSession 0 resumes them
 * without subscribing again. A CONNECT with CleanSession 1 discards what was kept. Kept in memory: a restarted
 * simulator has none, and says so in the CONNACK (Session Present 0), after which a client subscribes again.
 */
public final class PersistentSessions {
    private final Map<String, Subscriptions> kept = new ConcurrentHashMap<>();

    /**
     * The state {@code connect}, which the product accepted, resumes: with CleanSession 0 the one kept for its client
     * id (present), or a new one kept from now on; with CleanSession 1 a new one that ends with the connection.
     */
    public SessionState resume(MqttConnect connect) {
        if (connect.cleanSession()) {
            kept.remove(connect.clientId());
            return SessionState.ofConnection();
        }
        Subscriptions fresh = new Subscriptions();
        Subscriptions existing = kept.putIfAbsent(connect.clientId(), fresh);
        return existing == null ? new SessionState(fresh, false) : new SessionState(existing, true);
    }
}
