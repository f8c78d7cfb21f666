package dev.dpsrig.simulator.mqtt;

/** A client broke MQTT or the product's contract (an unknown topic, QoS 2): the connection is closed, the reason logged. */
public final class ProtocolViolation extends RuntimeException {
    public ProtocolViolation(String reason) {
        super(reason);
    }
}
