package dev.dpsrig.simulator.hub;

import dev.dpsrig.protocol.HubErrorCode;
import dev.dpsrig.protocol.HubException;
import dev.dpsrig.protocol.MessageProperty;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/** The cloud-to-device queues of one hub's devices, each written through to the {@link DeviceBoundStore} on every change. */
final class CloudToDeviceQueues {
    private static final int SETTLEMENTS_KEPT = 10_000;

    private final String hub;
    private final DeviceBoundStore store;
    private final CloudToDeviceSettings settings;
    private final Map<String, DeviceBoundQueue> queues = new ConcurrentHashMap<>();
    private final Deque<Settlement> settlements = new ArrayDeque<>();
    private final AtomicLong sequence;

    CloudToDeviceQueues(String hub, DeviceBoundStore store, CloudToDeviceSettings settings) {
        this.hub = hub;
        this.store = store;
        this.settings = settings;
        long highest = 0;
        for (Map.Entry<String, List<QueueEntry>> stored : store.queues(hub).entrySet()) {
            for (QueueEntry entry : stored.getValue()) {
                highest = Math.max(highest, entry.message().sequenceNumber());
            }
            queues.put(stored.getKey(), new DeviceBoundQueue(stored.getKey(), settings, stored.getValue()));
        }
        this.sequence = new AtomicLong(highest);
    }

    CloudToDeviceMessage enqueue(String deviceId, byte[] body, Map<String, String> properties,
                                 Map<MessageProperty, String> systemProperties, Optional<Duration> timeToLive, Instant now) {
        Duration ttl = timeToLive.orElse(settings.defaultTimeToLive());
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(settings.maxTimeToLive()) > 0) {
            throw HubException.invalid("a time to live of " + ttl + " is outside 0.." + settings.maxTimeToLive());
        }
        checkHeaderSafe(properties, systemProperties);
        int size = body.length + properties.entrySet().stream().mapToInt(e -> e.getKey().length() + e.getValue().length()).sum();
        if (size > 64 * 1024) {
            throw new HubException(HubErrorCode.MESSAGE_TOO_LARGE,
                    "a cloud-to-device message of " + size + " bytes exceeds the 65536-byte limit");
        }
        return change(deviceId, queue -> {
            CloudToDeviceMessage message = new CloudToDeviceMessage(sequence.incrementAndGet(), deviceId, body, properties,
                    systemProperties, now, now.plus(ttl));
            queue.enqueue(message, now, this::settled);
            return message;
        });
    }

    /**
     * A device receives the message's properties as HTTP headers ({@code iothub-app-NAME}, {@code iothub-messageid}, ...);
     * one that cannot be a header would lock the message on every receive and never deliver it.
     */
    private static void checkHeaderSafe(Map<String, String> properties, Map<MessageProperty, String> systemProperties) {
        properties.forEach((name, value) -> {
            if (!MessageProperty.isValidHttpToken(name) || !MessageProperty.isValidHttpToken(value)) {
                throw HubException.invalid("application property '" + name + "' = '" + value + "': it reaches the device as an"
                        + " HTTP header, so names and values may hold only ASCII letters, digits and ! # $ % & ' * + - . ^ _ ` | ~");
            }
        });
        systemProperties.forEach((property, value) -> {
            if (!value.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
                throw HubException.invalid(property.propertyName() + " '" + value + "': it reaches the device as an HTTP header,"
                        + " so it may hold only printable ASCII");
            }
        });
    }

    Optional<Delivery> receive(String deviceId, Instant now) {
        if (!queues.containsKey(deviceId)) {
            return Optional.empty();
        }
        return change(deviceId, queue -> queue.receive(now, this::settled));
    }

    Settlement complete(String deviceId, String lockToken, Instant now) {
        return settled(change(deviceId, queue -> queue.complete(lockToken, now)));
    }

    Settlement reject(String deviceId, String lockToken, Instant now) {
        return settled(change(deviceId, queue -> queue.reject(lockToken, now)));
    }

    void abandon(String deviceId, String lockToken, Instant now) {
        change(deviceId, queue -> queue.abandon(lockToken, now)).ifPresent(this::settled);
    }

    void release(String deviceId, String lockToken, Instant now) {
        if (queues.containsKey(deviceId)) {
            change(deviceId, queue -> {
                queue.release(lockToken, now);
                return null;
            });
        }
    }

    List<QueuedMessage> pending(String deviceId, Instant now) {
        DeviceBoundQueue queue = queues.get(deviceId);
        if (queue == null) {
            return List.of();
        }
        synchronized (queue) {
            return queue.entries().stream().map(entry -> new QueuedMessage(entry.message(), entry.deliveryCount(),
                    entry.lockedAt(now) ? Optional.of(entry.lockedUntil()) : Optional.empty())).toList();
        }
    }

    List<Settlement> settlements() {
        synchronized (settlements) {
            return List.copyOf(settlements);
        }
    }

    /** Runs one change on a device's queue under its lock and writes the queue back. */
    private <T> T change(String deviceId, Function<DeviceBoundQueue, T> change) {
        DeviceBoundQueue queue = queues.computeIfAbsent(deviceId, id -> new DeviceBoundQueue(id, settings, List.of()));
        synchronized (queue) {
            try {
                return change.apply(queue);
            } finally {
                persist(deviceId, queue);
            }
        }
    }

    private void persist(String deviceId, DeviceBoundQueue queue) {
        if (queue.isEmpty()) {
            store.delete(hub, deviceId);
        } else {
            store.put(hub, deviceId, queue.entries());
        }
    }

    private Settlement settled(Settlement settlement) {
        synchronized (settlements) {
            settlements.addLast(settlement);
            while (settlements.size() > SETTLEMENTS_KEPT) {
                settlements.removeFirst();
            }
        }
        return settlement;
    }
}
