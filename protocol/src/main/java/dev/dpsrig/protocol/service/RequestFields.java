package dev.dpsrig.protocol.service;

import dev.dpsrig.protocol.WireFormatException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the fields of a service API request the way DPS judges them: absent or null is absent, but a
 * field of the wrong type is a {@link WireFormatException} that names it, never silently ignored.
 */
public final class RequestFields {
    private RequestFields() {
    }

    public static Optional<String> string(JsonObject object, String name) {
        JsonValue value = present(object, name);
        if (value == null || value instanceof JsonString) {
            return Optional.ofNullable(value).map(text -> ((JsonString) text).getString());
        }
        throw new WireFormatException("'" + name + "' must be a string");
    }

    public static Optional<JsonObject> object(JsonObject object, String name) {
        JsonValue value = present(object, name);
        if (value == null || value instanceof JsonObject) {
            return Optional.ofNullable((JsonObject) value);
        }
        throw new WireFormatException("'" + name + "' must be an object");
    }

    public static Optional<Boolean> bool(JsonObject object, String name) {
        JsonValue value = present(object, name);
        if (value == null || value == JsonValue.TRUE || value == JsonValue.FALSE) {
            return Optional.ofNullable(value).map(JsonValue.TRUE::equals);
        }
        throw new WireFormatException("'" + name + "' must be true or false");
    }

    public static List<String> strings(JsonObject object, String name) {
        JsonValue value = present(object, name);
        if (value == null) {
            return List.of();
        }
        if (value.getValueType() != JsonValue.ValueType.ARRAY) {
            throw new WireFormatException("'" + name + "' must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonValue item : value.asJsonArray()) {
            if (!(item instanceof JsonString text)) {
                throw new WireFormatException("'" + name + "' must be an array of strings");
            }
            out.add(text.getString());
        }
        return out;
    }

    /** The member's value, or null when it is absent or JSON null. */
    private static JsonValue present(JsonObject object, String name) {
        JsonValue value = object.get(name);
        return value == null || value.getValueType() == JsonValue.ValueType.NULL ? null : value;
    }
}
