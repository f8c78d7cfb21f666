package dev.dpsrig.simulator.hub;

import java.time.Instant;

/** How a cloud-to-device message left its queue; what a sender's feedback would report. */
public record Settlement(CloudToDeviceMessage message, Outcome outcome, int deliveryCount, Instant at) {

    public enum Outcome {
        /** The device completed it. */
        COMPLETED,
        /** The device rejected it: dead-lettered. */
        REJECTED,
        /** Abandoned as often as the hub's maximum delivery count allows: dead-lettered. */
        DELIVERY_COUNT_EXCEEDED,
        /** Its time to live ran out before the device completed it. */
        EXPIRED
    }
}
