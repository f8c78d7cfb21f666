package dev.dpsrig.simulator.json;

import dev.dpsrig.protocol.DpsException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Typed, optional reads from request JSON; a field of the wrong type is a 400 that names it. */
public final class JsonFields {
    private JsonFields() {
    }

    public static Optional<String> string(JsonObject object, String name) {
        JsonValue value = object.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.empty();
        }
        if (value instanceof JsonString text) {
            return Optional.of(text.getString());
        }
        throw DpsException.badRequest("'" + name + "' must be a string");
    }

    public static Optional<JsonObject> object(JsonObject object, String name) {
        JsonValue value = object.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.empty();
        }
        if (value instanceof JsonObject nested) {
            return Optional.of(nested);
        }
        throw DpsException.badRequest("'" + name + "' must be an object");
    }

    public static Optional<Boolean> bool(JsonObject object, String name) {
        JsonValue value = object.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.empty();
        }
        if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
            return Optional.of(value == JsonValue.TRUE);
        }
        throw DpsException.badRequest("'" + name + "' must be true or false");
    }

    public static List<String> strings(JsonObject object, String name) {
        JsonValue value = object.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return List.of();
        }
        if (value.getValueType() != JsonValue.ValueType.ARRAY) {
            throw DpsException.badRequest("'" + name + "' must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonValue item : value.asJsonArray()) {
            if (!(item instanceof JsonString text)) {
                throw DpsException.badRequest("'" + name + "' must be an array of strings");
            }
            out.add(text.getString());
        }
        return out;
    }
}
