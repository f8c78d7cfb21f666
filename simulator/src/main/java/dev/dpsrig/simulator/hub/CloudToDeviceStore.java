package dev.dpsrig.simulator.hub;

import dev.dpsrig.protocol.DpsTimestamps;
import dev.dpsrig.protocol.HubErrorCode;
import dev.dpsrig.protocol.HubException;
import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.protocol.MessageProperty;
import dev.dpsrig.simulator.store.StateStore;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/** The cloud-to-device queues of one hub's devices, each written through to the state store on every change. */
final class CloudToDeviceStore {
    private static final int SETTLEMENTS_KEPT = 10_000;

    private final String hub;
    private final StateStore store;
    private final String kind;
    private final CloudToDeviceSettings settings;
    private final Map<String, DeviceBoundQueue> queues = new ConcurrentHashMap<>();
    private final Deque<Settlement> settlements = new ArrayDeque<>();
    private final AtomicLong sequence;

    CloudToDeviceStore(String hub, StateStore store, CloudToDeviceSettings settings) {
        this.hub = hub;
        this.store = store;
        this.kind = "hubs/" + hub + "/deviceBound";
        this.settings = settings;
        long highest = 0;
        for (JsonObject document : store.loadAll(kind).values()) {
            String deviceId = document.getString("deviceId");
            List<DeviceBoundQueue.Entry> entries = new ArrayList<>();
            for (JsonValue value : document.getJsonArray("messages")) {
                DeviceBoundQueue.Entry entry = entryFromJson(deviceId, value.asJsonObject());
                entries.add(entry);
                highest = Math.max(highest, entry.message().sequenceNumber());
            }
            queues.put(deviceId, new DeviceBoundQueue(deviceId, settings, entries));
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
            store.delete(kind, deviceId);
            return;
        }
        store.put(kind, deviceId, () -> {
            JsonArrayBuilder messages = Jsonp.createArrayBuilder();
            queue.entries().forEach(entry -> messages.add(entryToJson(entry)));
            return Jsonp.createObjectBuilder().add("hub", hub).add("deviceId", deviceId).add("messages", messages).build();
        });
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

    private static JsonObject entryToJson(DeviceBoundQueue.Entry entry) {
        CloudToDeviceMessage message = entry.message();
        JsonObjectBuilder properties = Jsonp.createObjectBuilder();
        message.properties().forEach(properties::add);
        JsonObjectBuilder system = Jsonp.createObjectBuilder();
        message.systemProperties().forEach((property, value) -> system.add(property.propertyName(), value));
        JsonObjectBuilder json = Jsonp.createObjectBuilder()
                .add("sequenceNumber", message.sequenceNumber())
                .add("enqueuedTime", DpsTimestamps.format(message.enqueuedTime()))
                .add("expiresAt", DpsTimestamps.format(message.expiresAt()))
                .add("deliveryCount", entry.deliveryCount())
                .add("properties", properties)
                .add("systemProperties", system)
                .add("body", Base64.getEncoder().encodeToString(message.body()));
        entry.lockToken().ifPresent(token -> json.add("lockToken", token)
                .add("lockedUntil", DpsTimestamps.format(entry.lockedUntil())));
        return json.build();
    }

    private static DeviceBoundQueue.Entry entryFromJson(String deviceId, JsonObject json) {
        Map<String, String> properties = new LinkedHashMap<>();
        json.getJsonObject("properties").forEach((name, value) -> properties.put(name, ((JsonString) value).getString()));
        Map<MessageProperty, String> system = new EnumMap<>(MessageProperty.class);
        json.getJsonObject("systemProperties").forEach((name, value) -> MessageProperty.ofPropertyName(name)
                .ifPresent(property -> system.put(property, ((JsonString) value).getString())));
        CloudToDeviceMessage message = new CloudToDeviceMessage(json.getJsonNumber("sequenceNumber").longValueExact(), deviceId,
                Base64.getDecoder().decode(json.getString("body")), properties, system,
                DpsTimestamps.parse(json.getString("enqueuedTime")), DpsTimestamps.parse(json.getString("expiresAt")));
        Optional<String> lockToken = Optional.ofNullable(json.getString("lockToken", null));
        Instant lockedUntil = lockToken.isPresent() ? DpsTimestamps.parse(json.getString("lockedUntil")) : Instant.EPOCH;
        return new DeviceBoundQueue.Entry(message, json.getInt("deliveryCount"), lockToken, lockedUntil);
    }
}
