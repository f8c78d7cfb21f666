package dev.dpsrig.protocol.hub;

import dev.dpsrig.protocol.DpsTimestamps;
import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.protocol.WireFields;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.util.Optional;

/**
 * A cloud-to-device message as the simulator's inspection API shows it: the answer to queueing one,
 * and the message of a {@link QueuedMessageView queued message} and of a {@link SettlementView settlement}.
 *
 * @param expiresAt when the hub drops it undelivered
 * @param bodyText  the body as text, shown when it is UTF-8
 */
public record CloudToDeviceView(
        long sequenceNumber,
        String deviceId,
        Instant enqueuedTime,
        Instant expiresAt,
        MessageProperties properties,
        MessageBody body,
        Optional<String> bodyText) {
    private static final String WHAT = "a cloud-to-device message";

    public JsonObject toJson() {
        JsonObjectBuilder json = Jsonp.createObjectBuilder()
                .add("sequenceNumber", sequenceNumber)
                .add("deviceId", deviceId)
                .add("enqueuedTime", DpsTimestamps.format(enqueuedTime))
                .add("expiresAt", DpsTimestamps.format(expiresAt));
        properties.addTo(json).add("body", body.base64());
        bodyText.ifPresent(text -> json.add("bodyText", text));
        return json.build();
    }

    public static CloudToDeviceView fromJson(JsonObject json) {
        return new CloudToDeviceView(
                WireFields.requiredLong(json, "sequenceNumber", WHAT),
                WireFields.requiredString(json, "deviceId", WHAT),
                WireFields.requiredInstant(json, "enqueuedTime", WHAT),
                WireFields.requiredInstant(json, "expiresAt", WHAT),
                MessageProperties.fromJson(json, WHAT),
                MessageBody.fromBase64(WireFields.requiredString(json, "body", WHAT), WHAT),
                WireFields.string(json, "bodyText"));
    }
}
