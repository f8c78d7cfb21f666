package dev.dpsrig.simulator.mqtt;

/**
 * The state MQTT keeps for a client across its connections: the topic filters it subscribed to, each with the QoS it
 * was granted. A connection serves the client with the state its CONNECT resumed.
 */
public final class SessionState {
    final Subscriptions subscriptions;
    /** Whether the state was kept from an earlier connection: the CONNACK's Session Present flag. */
    final boolean present;

    SessionState(Subscriptions subscriptions, boolean present) {
        this.subscriptions = subscriptions;
        this.present = present;
    }

    /** A new, empty state that ends with its connection: CleanSession 1, or a product that keeps no sessions (DPS). */
    public static SessionState ofConnection() {
        return new SessionState(new Subscriptions(), false);
    }
}
