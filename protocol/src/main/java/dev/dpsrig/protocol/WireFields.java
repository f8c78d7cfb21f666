package dev.dpsrig.protocol;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads the fields of a wire object the way real services and clients need them read: a required
 * field missing or mistyped is a {@link WireFormatException} naming it; an optional one that is
 * absent, null or of another type is simply absent, since either side may add or loosen fields.
 */
public final class WireFields {
    private WireFields() {
    }

    public static String requiredString(JsonObject object, String name, String what) {
        return string(object, name).orElseThrow(() -> new WireFormatException(what + " has no string field '" + name + "'"));
    }

    public static long requiredLong(JsonObject object, String name, String what) {
        if (object.get(name) instanceof JsonNumber number && number.isIntegral()) {
            try {
                return number.longValueExact();
            } catch (ArithmeticException tooLarge) {
                throw new WireFormatException(what + " has a field '" + name + "' out of range: " + number);
            }
        }
        throw new WireFormatException(what + " has no whole-number field '" + name + "'");
    }

    public static int requiredInt(JsonObject object, String name, String what) {
        long value = requiredLong(object, name, what);
        if (value != (int) value) {
            throw new WireFormatException(what + " has a field '" + name + "' out of range: " + value);
        }
        return (int) value;
    }

    public static JsonObject requiredObject(JsonObject object, String name, String what) {
        return object(object, name).orElseThrow(() -> new WireFormatException(what + " has no object field '" + name + "'"));
    }

    /** A required timestamp: missing, or not an ISO-8601 instant, is a {@link WireFormatException}. */
    public static Instant requiredInstant(JsonObject object, String name, String what) {
        return instant(object, name).orElseThrow(() -> new WireFormatException(what + " has no timestamp field '" + name + "'"));
    }

    public static Optional<String> string(JsonObject object, String name) {
        return object.get(name) instanceof JsonString text ? Optional.of(text.getString()) : Optional.empty();
    }

    public static Optional<Integer> integer(JsonObject object, String name) {
        return object.get(name) instanceof JsonNumber number && number.isIntegral() ? Optional.of(number.intValue()) : Optional.empty();
    }

    public static Optional<Boolean> bool(JsonObject object, String name) {
        JsonValue value = object.get(name);
        return value == JsonValue.TRUE ? Optional.of(true) : value == JsonValue.FALSE ? Optional.of(false) : Optional.empty();
    }

    public static Optional<JsonObject> object(JsonObject object, String name) {
        return object.get(name) instanceof JsonObject inner ? Optional.of(inner) : Optional.empty();
    }

    /** Any JSON value but null: a payload, an initial twin. */
    public static Optional<JsonValue> value(JsonObject object, String name) {
        JsonValue value = object.get(name);
        return value == null || value == JsonValue.NULL ? Optional.empty() : Optional.of(value);
    }

    /** A timestamp in any ISO-8601 instant form; one that does not parse counts as absent. */
    public static Optional<Instant> instant(JsonObject object, String name) {
        try {
            return string(object, name).map(DpsTimestamps::parse);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
