package dev.dpsrig.protocol.hub;

import dev.dpsrig.protocol.DpsTimestamps;
import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.protocol.WireFields;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.util.Optional;

/**
 * A cloud-to-device message still in its device's queue, as the inspection API lists it with the
 * device: {@code state} is {@code locked} while a device holds it, until {@code lockedUntil}, and
 * {@code visible} otherwise.
 *
 * @param deliveryCount how many times it was abandoned
 */
public record QueuedMessageView(CloudToDeviceView message, int deliveryCount, Optional<Instant> lockedUntil) {
    private static final String WHAT = "a queued cloud-to-device message";

    public boolean locked() {
        return lockedUntil.isPresent();
    }

    public JsonObject toJson() {
        JsonObjectBuilder json = Jsonp.createObjectBuilder()
                .add("message", message.toJson())
                .add("deliveryCount", deliveryCount)
                .add("state", locked() ? "locked" : "visible");
        lockedUntil.ifPresent(until -> json.add("lockedUntil", DpsTimestamps.format(until)));
        return json.build();
    }

    /** The lock is read from {@code lockedUntil}; {@code state} only repeats it. */
    public static QueuedMessageView fromJson(JsonObject json) {
        return new QueuedMessageView(
                CloudToDeviceView.fromJson(WireFields.requiredObject(json, "message", WHAT)),
                WireFields.requiredInt(json, "deliveryCount", WHAT),
                WireFields.instant(json, "lockedUntil"));
    }
}
