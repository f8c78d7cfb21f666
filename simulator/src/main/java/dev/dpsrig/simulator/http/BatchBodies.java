package dev.dpsrig.simulator.http;

import dev.dpsrig.protocol.HubErrorCode;
import dev.dpsrig.protocol.HubException;
import dev.dpsrig.protocol.JsonInput;
import dev.dpsrig.protocol.JsonInputException;
import dev.dpsrig.protocol.MessageProperty;
import dev.dpsrig.simulator.hub.IncomingMessage;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A batch send's body ({@code Content-Type: application/vnd.microsoft.iothub.json}): a JSON array of
 * {@code {"body": …, "base64Encoded": true|false, "properties": {"iothub-app-k": "v", "iothub-messageid": …}}}.
 * {@code base64Encoded} defaults to true, as the C# client relies on; the C client sends text bodies with
 * {@code "base64Encoded": false}.
 */
final class BatchBodies {
    private BatchBodies() {
    }

    static List<IncomingMessage> parse(byte[] body) {
        JsonValue parsed;
        try {
            parsed = JsonInput.read(body);
        } catch (JsonInputException e) {
            throw format("a batch body must be a JSON array of messages: " + e.getMessage());
        }
        if (parsed.getValueType() != JsonValue.ValueType.ARRAY) {
            throw format("a batch body must be a JSON array of messages, not a JSON "
                    + parsed.getValueType().name().toLowerCase(Locale.ROOT));
        }
        JsonArray entries = parsed.asJsonArray();
        if (entries.isEmpty()) {
            throw format("the batch holds no messages");
        }
        List<IncomingMessage> messages = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            messages.add(entry(i, entries.get(i)));
        }
        return messages;
    }

    private static IncomingMessage entry(int index, JsonValue value) {
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw format("batch entry " + index + " is " + value.getValueType().name().toLowerCase(Locale.ROOT) + ", not an object");
        }
        JsonObject entry = value.asJsonObject();
        JsonValue text = entry.get("body");
        if (text == null || text.getValueType() != JsonValue.ValueType.STRING) {
            throw format("batch entry " + index + " has no string \"body\"");
        }
        JsonValue encoded = entry.getOrDefault("base64Encoded", JsonValue.TRUE);
        if (encoded != JsonValue.TRUE && encoded != JsonValue.FALSE) {
            throw format("batch entry " + index + ": \"base64Encoded\" must be true or false");
        }
        byte[] bytes;
        String content = entry.getString("body");
        if (encoded == JsonValue.TRUE) {
            try {
                bytes = Base64.getDecoder().decode(content);
            } catch (IllegalArgumentException e) {
                throw format("batch entry " + index + ": \"body\" is not base64 (" + e.getMessage()
                        + "); send \"base64Encoded\": false for a text body");
            }
        } else {
            bytes = content.getBytes(StandardCharsets.UTF_8);
        }
        Map<String, String> properties = new LinkedHashMap<>();
        Map<MessageProperty, String> system = new EnumMap<>(MessageProperty.class);
        JsonValue declared = entry.get("properties");
        if (declared != null && declared != JsonValue.NULL) {
            if (declared.getValueType() != JsonValue.ValueType.OBJECT) {
                throw format("batch entry " + index + ": \"properties\" must be an object");
            }
            declared.asJsonObject().forEach((name, property) -> {
                if (property.getValueType() != JsonValue.ValueType.STRING) {
                    throw format("batch entry " + index + ": property '" + name + "' must be a string");
                }
                String propertyValue = ((JsonString) property).getString();
                if (name.toLowerCase(Locale.ROOT).startsWith(MessageProperty.APPLICATION_PREFIX)) {
                    properties.put(name.substring(MessageProperty.APPLICATION_PREFIX.length()), propertyValue);
                } else {
                    MessageProperty.ofHeader(name).ifPresent(p -> system.put(p, propertyValue));
                }
            });
        }
        return new IncomingMessage(bytes, properties, system);
    }

    private static HubException format(String message) {
        return new HubException(HubErrorCode.IOT_HUB_FORMAT_ERROR, message);
    }
}
