package dev.dpsrig.protocol.hub;

import dev.dpsrig.protocol.DpsTimestamps;
import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.protocol.WireFields;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.util.Optional;

/**
 * A device-to-cloud message as the simulator's inspection API shows it, under
 * {@code /dpsrig/hubs/{hub}/messages}: who sent it to which hub, when, how the hub authenticated
 * the sender, its properties, and its body in base64 and, when it is UTF-8, as {@code bodyText}.
 *
 * @param sequenceNumber per hub, from 1, in the order the hub accepted messages
 * @param moduleId       present when the device sent it as a module
 * @param authMethod     {@code sas}, {@code selfSigned} or {@code certificateAuthority}
 * @param bodyText       the body as text; shown when it is UTF-8, absent where only the body is kept
 */
public record DeviceMessageView(
        long sequenceNumber,
        String hub,
        String deviceId,
        Optional<String> moduleId,
        Instant enqueuedTime,
        String authMethod,
        MessageProperties properties,
        MessageBody body,
        Optional<String> bodyText) {
    private static final String WHAT = "a device-to-cloud message";

    /** This view with the body's text shown whenever the body is UTF-8. */
    public DeviceMessageView showingText() {
        return new DeviceMessageView(sequenceNumber, hub, deviceId, moduleId, enqueuedTime, authMethod, properties, body, body.text());
    }

    public JsonObject toJson() {
        JsonObjectBuilder json = Jsonp.createObjectBuilder()
                .add("sequenceNumber", sequenceNumber)
                .add("hub", hub)
                .add("deviceId", deviceId);
        moduleId.ifPresent(module -> json.add("moduleId", module));
        json.add("enqueuedTime", DpsTimestamps.format(enqueuedTime)).add("authMethod", authMethod);
        properties.addTo(json).add("body", body.base64());
        bodyText.ifPresent(text -> json.add("bodyText", text));
        return json.build();
    }

    public static DeviceMessageView fromJson(JsonObject json) {
        return new DeviceMessageView(
                WireFields.requiredLong(json, "sequenceNumber", WHAT),
                WireFields.requiredString(json, "hub", WHAT),
                WireFields.requiredString(json, "deviceId", WHAT),
                WireFields.string(json, "moduleId"),
                WireFields.requiredInstant(json, "enqueuedTime", WHAT),
                WireFields.requiredString(json, "authMethod", WHAT),
                MessageProperties.fromJson(json, WHAT),
                MessageBody.fromBase64(WireFields.requiredString(json, "body", WHAT), WHAT),
                WireFields.string(json, "bodyText"));
    }
}
