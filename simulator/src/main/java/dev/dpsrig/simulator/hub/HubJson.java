package dev.dpsrig.simulator.hub;

import dev.dpsrig.protocol.DpsTimestamps;
import dev.dpsrig.protocol.Jsonp;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** How the inspection API shows messages: the stored form, plus the body as text when it is UTF-8. */
public final class HubJson {
    private HubJson() {
    }

    public static JsonObject toJson(DeviceMessage message) {
        JsonObjectBuilder json = Jsonp.createObjectBuilder(FileMessageLog.toJson(message));
        text(message.body()).ifPresent(text -> json.add("bodyText", text));
        return json.build();
    }

    public static JsonObject toJson(CloudToDeviceMessage message) {
        JsonObjectBuilder json = Jsonp.createObjectBuilder()
                .add("sequenceNumber", message.sequenceNumber())
                .add("deviceId", message.deviceId())
                .add("enqueuedTime", DpsTimestamps.format(message.enqueuedTime()))
                .add("expiresAt", DpsTimestamps.format(message.expiresAt()))
                .add("properties", properties(message.properties()))
                .add("systemProperties", systemProperties(message))
                .add("body", Base64.getEncoder().encodeToString(message.body()));
        text(message.body()).ifPresent(text -> json.add("bodyText", text));
        return json.build();
    }

    public static JsonObject toJson(QueuedMessage queued) {
        JsonObjectBuilder json = Jsonp.createObjectBuilder()
                .add("message", toJson(queued.message()))
                .add("deliveryCount", queued.deliveryCount())
                .add("state", queued.lockedUntil().isPresent() ? "locked" : "visible");
        queued.lockedUntil().ifPresent(until -> json.add("lockedUntil", DpsTimestamps.format(until)));
        return json.build();
    }

    public static JsonObject toJson(Settlement settlement) {
        return Jsonp.createObjectBuilder()
                .add("message", toJson(settlement.message()))
                .add("outcome", settlement.outcome().name().toLowerCase(Locale.ROOT))
                .add("deliveryCount", settlement.deliveryCount())
                .add("at", DpsTimestamps.format(settlement.at()))
                .build();
    }

    private static JsonObjectBuilder properties(Map<String, String> properties) {
        JsonObjectBuilder json = Jsonp.createObjectBuilder();
        properties.forEach(json::add);
        return json;
    }

    private static JsonObjectBuilder systemProperties(CloudToDeviceMessage message) {
        JsonObjectBuilder json = Jsonp.createObjectBuilder();
        message.systemProperties().forEach((property, value) -> json.add(property.propertyName(), value));
        return json;
    }

    private static Optional<String> text(byte[] body) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(body)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
