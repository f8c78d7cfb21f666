package dev.dpsrig.protocol;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonWriter;
import jakarta.json.JsonWriterFactory;
import jakarta.json.spi.JsonProvider;
import java.io.Reader;
import java.io.Writer;
import java.util.Collection;
import java.util.Map;

/**
 * The JSON-P entry points of {@link jakarta.json.Json}, bound once to one provider.
 *
 * <p>Every {@code Json.create…} call looks the provider up again through {@link java.util.ServiceLoader},
 * which scans the class path; on the simulator's request path that lookup cost more CPU than the
 * HMAC check and the JSON work together. Resolving it once makes the same calls nearly free.
 */
public final class Jsonp {
    private static final JsonProvider PROVIDER = JsonProvider.provider();

    private Jsonp() {
    }

    public static JsonProvider provider() {
        return PROVIDER;
    }

    public static JsonObjectBuilder createObjectBuilder() {
        return PROVIDER.createObjectBuilder();
    }

    public static JsonObjectBuilder createObjectBuilder(JsonObject start) {
        return PROVIDER.createObjectBuilder(start);
    }

    public static JsonArrayBuilder createArrayBuilder() {
        return PROVIDER.createArrayBuilder();
    }

    public static JsonArrayBuilder createArrayBuilder(Collection<?> values) {
        return PROVIDER.createArrayBuilder(values);
    }

    public static JsonReader createReader(Reader reader) {
        return PROVIDER.createReader(reader);
    }

    public static JsonWriter createWriter(Writer writer) {
        return PROVIDER.createWriter(writer);
    }

    public static JsonWriterFactory createWriterFactory(Map<String, ?> config) {
        return PROVIDER.createWriterFactory(config);
    }
}
