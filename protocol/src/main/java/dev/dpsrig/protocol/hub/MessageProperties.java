package dev.dpsrig.protocol.hub;

import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.protocol.MessageProperty;
import dev.dpsrig.protocol.WireFields;
import dev.dpsrig.protocol.WireFormatException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A message's properties as the hub's JSON shows them: {@code properties}, the application's, by
 * name in the order given, and {@code systemProperties}, those IoT Hub defines, under their
 * {@link MessageProperty#propertyName() property names}. A system property this contract does not
 * know is left out when read.
 */
public record MessageProperties(Map<String, String> application, Map<MessageProperty, String> system) {

    public MessageProperties {
        application = Collections.unmodifiableMap(new LinkedHashMap<>(application));
        Map<MessageProperty, String> ordered = new EnumMap<>(MessageProperty.class);
        ordered.putAll(system);
        system = Collections.unmodifiableMap(ordered);
    }

    /** Adds {@code properties} and {@code systemProperties} to an object being written. */
    public JsonObjectBuilder addTo(JsonObjectBuilder json) {
        JsonObjectBuilder properties = Jsonp.createObjectBuilder();
        application.forEach(properties::add);
        JsonObjectBuilder systemProperties = Jsonp.createObjectBuilder();
        system.forEach((property, value) -> systemProperties.add(property.propertyName(), value));
        return json.add("properties", properties).add("systemProperties", systemProperties);
    }

    /** Reads {@code properties} and {@code systemProperties}, both required objects of strings. */
    public static MessageProperties fromJson(JsonObject json, String what) {
        Map<String, String> application = strings(WireFields.requiredObject(json, "properties", what), what);
        Map<MessageProperty, String> system = new EnumMap<>(MessageProperty.class);
        strings(WireFields.requiredObject(json, "systemProperties", what), what).forEach((name, value) ->
                MessageProperty.ofPropertyName(name).ifPresent(property -> system.put(property, value)));
        return new MessageProperties(application, system);
    }

    private static Map<String, String> strings(JsonObject object, String what) {
        Map<String, String> strings = new LinkedHashMap<>();
        object.forEach((name, value) -> {
            if (!(value instanceof JsonString text)) {
                throw new WireFormatException(what + " has a property '" + name + "' that is not a string");
            }
            strings.put(name, text.getString());
        });
        return strings;
    }
}
