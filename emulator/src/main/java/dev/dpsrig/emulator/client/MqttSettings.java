package dev.dpsrig.emulator.client;

import dev.dpsrig.protocol.settings.DevSettingsDocument;
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

    /** What the settings file says, as its {@link DevSettingsDocument} reads it. */
    static MqttSettings of(DevSettingsDocument document) {
        Map<String, String> hubs = new LinkedHashMap<>();
        Map<String, String> webSockets = new LinkedHashMap<>();
        for (DevSettingsDocument.Hub hub : document.hubs()) {
            hub.mqttEndpoint().ifPresent(endpoint -> hubs.put(hub.hostName(), endpoint));
            hub.mqttWebSocketEndpoint().ifPresent(endpoint -> webSockets.put(hub.hostName(), endpoint));
        }
        return new MqttSettings(document.dpsMqttEndpoint(), document.dpsMqttWebSocketEndpoint(), hubs, webSockets);
    }
}
