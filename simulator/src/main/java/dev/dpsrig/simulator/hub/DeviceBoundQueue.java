package dev.dpsrig.simulator.hub;

import dev.dpsrig.protocol.HubErrorCode;
import dev.dpsrig.protocol.HubException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * One device's cloud-to-device queue, as IoT Hub runs it: a received message is locked for the lock
 * timeout and comes back if the lock lapses (its delivery count unchanged); abandoning it counts a
 * delivery, and at the maximum it is dead-lettered; a stale lock token is refused. Not thread-safe:
 * the hub serialises calls per device.
 */
final class DeviceBoundQueue {
    private final String deviceId;
    private final CloudToDeviceSettings settings;
    private final List<QueueEntry> entries = new ArrayList<>();

    DeviceBoundQueue(String deviceId, CloudToDeviceSettings settings, List<QueueEntry> restored) {
        this.deviceId = deviceId;
        this.settings = settings;
        this.entries.addAll(restored);
    }

    void enqueue(CloudToDeviceMessage message, Instant now, Consumer<Settlement> settled) {
        expire(now, settled);
        if (entries.size() >= settings.maxQueueDepth()) {
            throw new HubException(HubErrorCode.DEVICE_MAXIMUM_QUEUE_DEPTH_EXCEEDED, "the cloud-to-device queue of '" + deviceId
                    + "' already holds " + entries.size() + " messages, the most a device may have waiting");
        }
        entries.add(new QueueEntry(message, 0, Optional.empty(), Instant.EPOCH));
    }

    /** The oldest visible message, now locked for this caller; empty when none is visible. */
    Optional<Delivery> receive(Instant now, Consumer<Settlement> settled) {
        expire(now, settled);
        for (int i = 0; i < entries.size(); i++) {
            QueueEntry entry = entries.get(i);
            if (!entry.lockedAt(now)) {
                String token = UUID.randomUUID().toString();
                Instant until = now.plus(settings.lockTimeout());
                entries.set(i, new QueueEntry(entry.message(), entry.deliveryCount(), Optional.of(token), until));
                return Optional.of(new Delivery(entry.message(), token, entry.deliveryCount(), until));
            }
        }
        return Optional.empty();
    }

    Settlement complete(String lockToken, Instant now) {
        return settle(take(lockToken, now, "complete"), Settlement.Outcome.COMPLETED, now);
    }

    Settlement reject(String lockToken, Instant now) {
        return settle(take(lockToken, now, "reject"), Settlement.Outcome.REJECTED, now);
    }

    /** Returns the message to the queue with one more delivery counted; empty unless that dead-lettered it. */
    Optional<Settlement> abandon(String lockToken, Instant now) {
        int index = locked(lockToken, now, "abandon");
        QueueEntry entry = entries.get(index);
        int deliveries = entry.deliveryCount() + 1;
        if (deliveries >= settings.maxDeliveryCount()) {
            entries.remove(index);
            return Optional.of(new Settlement(entry.message(), Settlement.Outcome.DELIVERY_COUNT_EXCEEDED, deliveries, now));
        }
        entries.set(index, new QueueEntry(entry.message(), deliveries, Optional.empty(), Instant.EPOCH));
        return Optional.empty();
    }

    /** Lets the lock of {@code lockToken}, if it still holds a message, lapse now: visible again, its delivery count unchanged. */
    void release(String lockToken, Instant now) {
        for (int i = 0; i < entries.size(); i++) {
            QueueEntry entry = entries.get(i);
            if (entry.lockToken().filter(lockToken::equals).isPresent() && entry.lockedAt(now)) {
                entries.set(i, new QueueEntry(entry.message(), entry.deliveryCount(), entry.lockToken(), now));
                return;
            }
        }
    }

    List<QueueEntry> entries() {
        return List.copyOf(entries);
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    private QueueEntry take(String lockToken, Instant now, String action) {
        return entries.remove(locked(lockToken, now, action));
    }

    private Settlement settle(QueueEntry entry, Settlement.Outcome outcome, Instant now) {
        return new Settlement(entry.message(), outcome, entry.deliveryCount(), now);
    }

    private int locked(String lockToken, Instant now, String action) {
        for (int i = 0; i < entries.size(); i++) {
            QueueEntry entry = entries.get(i);
            if (entry.lockToken().filter(lockToken::equals).isPresent()) {
                if (entry.lockedAt(now)) {
                    return i;
                }
                throw new HubException(HubErrorCode.DEVICE_MESSAGE_LOCK_LOST, "cannot " + action + " message "
                        + describe(entry.message()) + " of '" + deviceId + "': its lock expired at " + entry.lockedUntil()
                        + "; receive it again for a new lock token");
            }
        }
        throw new HubException(HubErrorCode.DEVICE_MESSAGE_LOCK_LOST, "cannot " + action + ": lock token '" + lockToken
                + "' holds no message of '" + deviceId + "' (settled already, expired, or never issued)");
    }

    private void expire(Instant now, Consumer<Settlement> settled) {
        for (Iterator<QueueEntry> it = entries.iterator(); it.hasNext(); ) {
            QueueEntry entry = it.next();
            if (!now.isBefore(entry.message().expiresAt())) {
                it.remove();
                settled.accept(new Settlement(entry.message(), Settlement.Outcome.EXPIRED, entry.deliveryCount(), now));
            }
        }
    }

    private static String describe(CloudToDeviceMessage message) {
        return "#" + message.sequenceNumber();
    }
}
