package dev.dpsrig.emulator.fleet;

import dev.dpsrig.protocol.ConnectFailure;

/**
 * A fleet run stopped because its devices could not reach DPS or their hub at all: no connection could be opened
 * (refused, unknown host, no route) to an endpoint that had not answered anyone in the run. Every other device
 * would find the same, so the run ends at once instead of counting failures for minutes.
 */
public final class FleetUnreachableException extends RuntimeException {
    private final String what;
    private final String endpoint;
    private final ConnectFailure connectFailure;

    /**
     * @param what     {@code DPS} or {@code the IoT hub}
     * @param endpoint {@code host:port}
     */
    public FleetUnreachableException(String what, String endpoint, ConnectFailure connectFailure, Throwable cause) {
        super("cannot reach " + what + " at " + endpoint + ": " + connectFailure.text(), cause);
        this.what = what;
        this.endpoint = endpoint;
        this.connectFailure = connectFailure;
    }

    /** {@code DPS} or {@code the IoT hub}. */
    public String what() {
        return what;
    }

    public String endpoint() {
        return endpoint;
    }

    public ConnectFailure connectFailure() {
        return connectFailure;
    }
}
