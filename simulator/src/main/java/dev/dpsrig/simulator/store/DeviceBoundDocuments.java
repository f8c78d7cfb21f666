package dev.dpsrig.simulator.store;

import dev.dpsrig.protocol.DpsTimestamps;
import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.protocol.WireFields;
import dev.dpsrig.protocol.hub.MessageBody;
import dev.dpsrig.protocol.hub.MessageProperties;
import dev.dpsrig.simulator.hub.CloudToDeviceMessage;
import dev.dpsrig.simulator.hub.DeviceBoundStore;
import dev.dpsrig.simulator.hub.QueueEntry;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The hubs' cloud-to-device queues as documents of a {@link StateStore}: one per device that has
 * messages waiting, under {@code hubs/HUB/deviceBound}, keyed by device id, holding the hub, the device
 * and its messages oldest first. A message is kept with its delivery count and, while a device holds
 * it, its lock token and when the lock lapses.
 */
public final class DeviceBoundDocuments implements DeviceBoundStore {
    private static final String WHAT = "a stored cloud-to-device message";

    private final StateStore store;

    public DeviceBoundDocuments(StateStore store) {
        this.store = store;
    }

    /** The kind that holds the queues of the hub of that name. */
    public static String kind(String hubName) {
        return "hubs/" + hubName + "/deviceBound";
    }

    @Override
    public Map<String, List<QueueEntry>> queues(String hubName) {
        Map<String, List<QueueEntry>> queues = new HashMap<>();
        for (JsonObject document : store.loadAll(kind(hubName)).values()) {
            String deviceId = document.getString("deviceId");
            List<QueueEntry> entries = new ArrayList<>();
            for (JsonValue value : document.getJsonArray("messages")) {
                entries.add(entry(deviceId, value.asJsonObject()));
            }
            queues.put(deviceId, entries);
        }
        return queues;
    }

    @Override
    public void put(String hubName, String deviceId, List<QueueEntry> queue) {
        store.put(kind(hubName), deviceId, () -> {
            JsonArrayBuilder messages = Jsonp.createArrayBuilder();
            queue.forEach(entry -> messages.add(toStored(entry)));
            return Jsonp.createObjectBuilder().add("hub", hubName).add("deviceId", deviceId).add("messages", messages).build();
        });
    }

    @Override
    public void delete(String hubName, String deviceId) {
        store.delete(kind(hubName), deviceId);
    }

    private static JsonObject toStored(QueueEntry entry) {
        CloudToDeviceMessage message = entry.message();
        JsonObjectBuilder json = Jsonp.createObjectBuilder()
                .add("sequenceNumber", message.sequenceNumber())
                .add("enqueuedTime", DpsTimestamps.format(message.enqueuedTime()))
                .add("expiresAt", DpsTimestamps.format(message.expiresAt()))
                .add("deliveryCount", entry.deliveryCount());
        new MessageProperties(message.properties(), message.systemProperties()).addTo(json)
                .add("body", new MessageBody(message.body()).base64());
        entry.lockToken().ifPresent(token -> json.add("lockToken", token)
                .add("lockedUntil", DpsTimestamps.format(entry.lockedUntil())));
        return json.build();
    }

    private static QueueEntry entry(String deviceId, JsonObject json) {
        MessageProperties properties = MessageProperties.fromJson(json, WHAT);
        CloudToDeviceMessage message = new CloudToDeviceMessage(WireFields.requiredLong(json, "sequenceNumber", WHAT), deviceId,
                MessageBody.fromBase64(WireFields.requiredString(json, "body", WHAT), WHAT).bytes(),
                properties.application(), properties.system(),
                WireFields.requiredInstant(json, "enqueuedTime", WHAT), WireFields.requiredInstant(json, "expiresAt", WHAT));
        Optional<String> lockToken = WireFields.string(json, "lockToken");
        Instant lockedUntil = lockToken.isPresent() ? WireFields.requiredInstant(json, "lockedUntil", WHAT) : Instant.EPOCH;
        return new QueueEntry(message, WireFields.requiredInt(json, "deliveryCount", WHAT), lockToken, lockedUntil);
    }
}
