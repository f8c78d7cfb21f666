package dev.dpsrig.emulator.client;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where {@code dev-settings.json} says devices reach DPS and the hubs over MQTT: {@code dpsMqttEndpoint} and each hub's
 * {@code mqttEndpoint} ({@code host:port}, MQTT over TLS), {@code dpsMqttWebSocketEndpoint} and each hub's
 * {@code mqttWebSocketEndpoint} (MQTT over WebSockets). Any of them may be absent (older files, or a simulator that
 * does not serve that flavour): a device then uses Azure's ports on the same host.
 *
 * @param hubEndpoints          by the hub's host name, as DPS assigns it
 * @param hubWebSocketEndpoints by the hub's host name
 */
public record MqttSettings(Optional<String> dpsEndpoint, Optional<String> dpsWebSocketEndpoint, Map<String, String> hubEndpoints,
                           Map<String, String> hubWebSocketEndpoints) {
    public static final MqttSettings NONE = new MqttSettings(Optional.empty(), Optional.empty(), Map.of(), Map.of());

    public MqttSettings {
        hubEndpoints = Map.copyOf(hubEndpoints);
        hubWebSocketEndpoints = Map.copyOf(hubWebSocketEndpoints);
    }

    /** What the settings file's JSON says. */
    static MqttSettings of(JsonObject settings) {
        Map<String, String> hubs = new LinkedHashMap<>();
        Map<String, String> webSockets = new LinkedHashMap<>();
        if (settings.get("hubs") instanceof JsonArray array) {
            for (JsonValue value : array) {
                if (value instanceof JsonObject hub && text(hub, "hostName").isPresent()) {
                    String host = text(hub, "hostName").get();
                    text(hub, "mqttEndpoint").ifPresent(endpoint -> hubs.put(host, endpoint));
                    text(hub, "mqttWebSocketEndpoint").ifPresent(endpoint -> webSockets.put(host, endpoint));
                }
            }
        }
        return new MqttSettings(text(settings, "dpsMqttEndpoint"), text(settings, "dpsMqttWebSocketEndpoint"), hubs, webSockets);
    }

    private static Optional<String> text(JsonObject json, String name) {
        return json.get(name) instanceof JsonString text && !text.getString().isBlank() ? Optional.of(text.getString()) : Optional.empty();
    }
}
