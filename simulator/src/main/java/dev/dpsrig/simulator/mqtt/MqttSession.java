package dev.dpsrig.simulator.mqtt;

/**
 * What a product does for one connected client: which topic filters exist, what a PUBLISH to a topic does, and what
 * the product sends the client of its own accord once it subscribed (through the {@link Outbound} it is given).
 */
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

    /** The client's CONNECT was acknowledged; {@code outbound} reaches the client from any thread until the connection ends. */
    default void opened(Outbound outbound) {
    }

    /** The client's subscription to {@code filter}, which the product serves, was granted and acknowledged. */
    default void subscribed(String filter) {
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

    /** The product's way to the client outside any answer: messages it pushes, and the end of the connection. */
    interface Outbound {
        /**
         * Publishes {@code payload} on {@code topic} at the QoS the client was granted for it; {@code acknowledged} runs
         * when the client's PUBACK arrives (on the connection's reading thread), or right after sending at QoS 0.
         *
         * @return false, and nothing sent, when the client subscribed to no filter matching the topic
         */
        boolean publish(String topic, byte[] payload, Runnable acknowledged);

        /** Ends the connection. */
        void disconnect();
    }
}
