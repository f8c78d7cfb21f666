package dev.dpsrig.simulator.hub;

import java.time.Instant;

/**
 * A cloud-to-device message handed to the device under a lock: until {@code lockedUntil} only this
 * lock token can complete, reject or abandon it.
 *
 * @param deliveryCount how many times it was abandoned before (0 on first delivery)
 */
public record Delivery(CloudToDeviceMessage message, String lockToken, int deliveryCount, Instant lockedUntil) {
}
