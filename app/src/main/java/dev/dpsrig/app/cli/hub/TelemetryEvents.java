package dev.dpsrig.app.cli.hub;

import dev.dpsrig.protocol.Jsonp;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A message a hub accepted, as {@code az iot hub monitor-events} shows it: {@code {"event": {"origin", "module",
 * "interface", "component", "payload"}}}, the payload as JSON when the body is JSON text, else as a string (base64
 * when the body is not UTF-8); with {@code --properties}, {@code annotations} (who sent it, when, its sequence number)
 * and {@code properties.system} / {@code properties.application}.
 *
 * @param shown which of {@code sys}, {@code app} and {@code anno} to add
 */
record TelemetryEvents(Set<String> shown) {
    private static final Set<String> KINDS = Set.of("sys", "app", "anno");

    /** The events for the {@code --properties} values given; empty when one of them is not sys, app, anno or all. */
    static Optional<TelemetryEvents> showing(List<String> values) {
        if (values.contains("all")) {
            return Optional.of(new TelemetryEvents(KINDS));
        }
        return KINDS.containsAll(values) ? Optional.of(new TelemetryEvents(Set.copyOf(values))) : Optional.empty();
    }

    /** The event for a message as the inspection API lists it. */
    JsonObject event(JsonObject message) {
        JsonObjectBuilder event = Jsonp.createObjectBuilder()
                .add("origin", message.getString("deviceId"))
                .add("module", message.getString("moduleId", ""))
                .add("interface", "")
                .add("component", "")
                .add("payload", payload(message));
        if (shown.contains("anno")) {
            event.add("annotations", Jsonp.createObjectBuilder()
                    .add("iothub-connection-device-id", message.getString("deviceId"))
                    .add("iothub-connection-auth-method", message.getString("authMethod"))
                    .add("iothub-enqueuedtime", message.getString("enqueuedTime"))
                    .add("iothub-message-source", "Telemetry")
                    .add("x-opt-sequence-number", message.getJsonNumber("sequenceNumber"))
                    .add("hub", message.getString("hub")));
        }
        if (shown.contains("sys") || shown.contains("app")) {
            JsonObjectBuilder properties = Jsonp.createObjectBuilder();
            if (shown.contains("sys")) {
                properties.add("system", message.getJsonObject("systemProperties"));
            }
            if (shown.contains("app")) {
                properties.add("application", message.getJsonObject("properties"));
            }
            event.add("properties", properties);
        }
        return Jsonp.createObjectBuilder().add("event", event).build();
    }

    private static JsonValue payload(JsonObject message) {
        if (!message.containsKey("bodyText")) {
            return message.get("body");
        }
        String text = message.getString("bodyText");
        try (JsonReader reader = Jsonp.createReader(new StringReader(text))) {
            return reader.readValue();
        } catch (JsonException notJson) {
            return Jsonp.provider().createValue(text);
        }
    }
}
