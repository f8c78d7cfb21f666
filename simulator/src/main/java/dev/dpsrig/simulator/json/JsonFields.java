package dev.dpsrig.simulator.json;

import dev.dpsrig.protocol.DpsException;
import dev.dpsrig.protocol.WireFormatException;
import dev.dpsrig.protocol.service.RequestFields;
import jakarta.json.JsonObject;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Typed, optional reads from request JSON, as {@link RequestFields} reads them; a field of the wrong
 * type is a 400 that names it.
 */
public final class JsonFields {
    private JsonFields() {
    }

    /** What {@code read} gives, a body the contract refuses being a 400 with the contract's words. */
    public static <T> T asBadRequest(Supplier<T> read) {
        try {
            return read.get();
        } catch (WireFormatException e) {
            throw DpsException.badRequest(e.getMessage());
        }
    }

    public static Optional<String> string(JsonObject object, String name) {
        return asBadRequest(() -> RequestFields.string(object, name));
    }

    public static Optional<JsonObject> object(JsonObject object, String name) {
        return asBadRequest(() -> RequestFields.object(object, name));
    }
}
