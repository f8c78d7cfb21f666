package dev.dpsrig.simulator.hub;

import java.time.Duration;
import java.util.List;

/** A wait for device messages ran out of time; carries what did arrive, for the failure report. */
public final class MessagesNotArrivedException extends RuntimeException {
    private final transient List<DeviceMessage> arrived;

    MessagesNotArrivedException(String hub, String deviceId, int expected, Duration timeout, List<DeviceMessage> arrived) {
        super("expected " + expected + " message(s) from '" + deviceId + "' on hub '" + hub + "' within " + timeout
                + ", but " + arrived.size() + " arrived" + (arrived.isEmpty() ? "" : ": " + arrived));
        this.arrived = List.copyOf(arrived);
    }

    public List<DeviceMessage> arrived() {
        return arrived;
    }
}
