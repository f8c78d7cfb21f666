package dev.dpsrig.simulator.mqtt;

/** What a product does for one connected client: which topic filters exist, and what a PUBLISH to a topic does. */
public interface MqttSession {
    /** Whether the product serves {@code filter}; a filter it does not serve is refused in the SUBACK. */
    boolean serves(String filter);

    /**
     * The client published {@code publish}; what the product answers goes to {@code replies}, which the transport
     * delivers after acknowledging the PUBLISH.
     *
     * @throws ProtocolViolation for a topic the product does not serve: the connection is closed
     * @throws ConnectionDropped  to end the connection once the answers given so far went out
     */
    void received(Publish publish, Replies replies);

    /** The client's CONNECT was acknowledged; {@code disconnect} ends its connection from any thread. */
    default void opened(Runnable disconnect) {
    }

    /** The connection ended, whoever ended it. */
    default void closed() {
    }

    /** A message the client published. */
    record Publish(String topic, byte[] payload) {
    }

    /** Where the product's answers to a PUBLISH go: to the client, on the topics it subscribed to. */
    @FunctionalInterface
    interface Replies {
        void publish(String topic, byte[] payload);
    }
}
