package dev.dpsrig.simulator.hub;

import java.time.Instant;
import java.util.Optional;

/**
 * A cloud-to-device message in its device's queue and its delivery state: what a hub keeps of its
 * queues across a restart.
 *
 * @param deliveryCount how many times it was abandoned
 * @param lockToken     present while a device holds, or last held, it under a lock; empty while it is visible
 * @param lockedUntil   when that lock lapses; meaningless without a lock token
 */
public record QueueEntry(CloudToDeviceMessage message, int deliveryCount, Optional<String> lockToken, Instant lockedUntil) {

    public boolean lockedAt(Instant now) {
        return lockToken.isPresent() && now.isBefore(lockedUntil);
    }
}
