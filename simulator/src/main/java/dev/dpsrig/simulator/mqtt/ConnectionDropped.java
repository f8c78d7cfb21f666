package dev.dpsrig.simulator.mqtt;

/**
 * A product ends the connection on purpose, as a fault plan asks: what it answered so far goes out, then the
 * connection closes, the reason logged.
 */
public final class ConnectionDropped extends RuntimeException {
    public ConnectionDropped(String reason) {
        super(reason);
    }
}
