package dev.dpsrig.emulator.fleet;

import dev.dpsrig.emulator.device.mqtt.MqttEndpoint;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** How a fleet device reaches DPS and its hub, with the names the command line, spec files and reports use. */
public enum FleetTransport {
    HTTPS("https", Optional.empty()),
    /** MQTT over TLS, port 8883. */
    MQTT("mqtt", Optional.of(MqttEndpoint.Flavour.TLS)),
    /** MQTT over WebSockets, port 443. */
    MQTT_WS("mqtt-ws", Optional.of(MqttEndpoint.Flavour.WEBSOCKET));

    private final String cliName;
    private final Optional<MqttEndpoint.Flavour> mqtt;

    FleetTransport(String cliName, Optional<MqttEndpoint.Flavour> mqtt) {
        this.cliName = cliName;
        this.mqtt = mqtt;
    }

    public String cliName() {
        return cliName;
    }

    /** The MQTT flavour this transport speaks; empty for HTTPS. */
    public Optional<MqttEndpoint.Flavour> mqtt() {
        return mqtt;
    }

    public static FleetTransport fromCliName(String name) {
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(t -> t.cliName.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown transport '" + name + "'; one of "
                        + Arrays.stream(values()).map(FleetTransport::cliName).collect(Collectors.joining(", "))));
    }
}
