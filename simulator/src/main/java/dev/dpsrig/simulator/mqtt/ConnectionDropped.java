package dev.dpsrig.simulator.mqtt;

/**
 * A product ends the connection on purpose, as a fault plan asks: what it answered so far goes out (and the PUBLISH
 * being handled is acknowledged first when the product says so), then the connection closes, the reason logged.
 */
public final class ConnectionDropped extends RuntimeException {
    private final boolean acknowledgedFirst;

    /** The connection closes without acknowledging the PUBLISH being handled. */
    public ConnectionDropped(String reason) {
        this(reason, false);
    }

    private ConnectionDropped(String reason, boolean acknowledgedFirst) {
        super(reason);
        this.acknowledgedFirst = acknowledgedFirst;
    }

    /** The PUBLISH being handled is acknowledged (PUBACK at QoS 1), then the connection closes. */
    public static ConnectionDropped afterAcknowledging(String reason) {
        return new ConnectionDropped(reason, true);
    }

    /** Whether the PUBLISH being handled gets its PUBACK before the connection closes. */
    public boolean acknowledgedFirst() {
        return acknowledgedFirst;
    }
}
