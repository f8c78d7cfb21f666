package dev.dpsrig.simulator.hub;

import java.time.Instant;
import java.util.Optional;

/**
 * A cloud-to-device message still in its queue.
 *
 * @param lockedUntil present while a device holds it under a lock
 */
public record QueuedMessage(CloudToDeviceMessage message, int deliveryCount, Optional<Instant> lockedUntil) {
}
