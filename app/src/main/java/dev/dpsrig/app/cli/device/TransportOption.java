package dev.dpsrig.app.cli.device;

import dev.dpsrig.app.cli.shared.DeviceOptions;
import dev.dpsrig.app.cli.shared.UsageException;
import dev.dpsrig.emulator.device.DeviceTransport;
import dev.dpsrig.emulator.device.DpsEndpoint;
import dev.dpsrig.emulator.device.HttpsHubLink;
import dev.dpsrig.emulator.device.HttpsProvisioningLink;
import dev.dpsrig.emulator.device.HubLink;
import dev.dpsrig.emulator.device.ProvisioningLink;
import dev.dpsrig.emulator.device.mqtt.MqttEndpoint;
import dev.dpsrig.emulator.device.mqtt.MqttEndpoints;
import java.time.Clock;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --transport https|mqtt|mqtt-ws} of the {@code dpsrig device} commands: how the device reaches DPS and its hub.
 * Over MQTT the endpoints are the simulator's {@code dpsMqttEndpoint} and hubs' {@code mqttEndpoint} (over WebSockets
 * {@code dpsMqttWebSocketEndpoint} and {@code mqttWebSocketEndpoint}), else Azure's ports on the same hosts.
 */
public final class TransportOption {
    @Option(names = "--transport", paramLabel = "https|mqtt|mqtt-ws", defaultValue = "https",
            description = "How the device talks to DPS and its hub: https (default), mqtt (MQTT over TLS, port 8883) or mqtt-ws"
                    + " (MQTT over WebSockets, wss://HOST:443/$iothub/websocket); MQTT endpoints come from dev-settings.json"
                    + " when it names them.")
    private String transport;

    /** The link to DPS: HTTPS over {@code https}, or an MQTT connection per registration. */
    ProvisioningLink provisioning(DeviceOptions options, DpsEndpoint endpoint, DeviceTransport https) {
        Optional<MqttEndpoints> mqtt = mqtt(options);
        if (mqtt.isEmpty()) {
            return new HttpsProvisioningLink(endpoint, https, Clock.systemUTC());
        }
        try {
            return mqtt.get().provisioning(endpoint, Clock.systemUTC());
        } catch (IllegalArgumentException e) {
            throw new UsageException("the DPS MQTT endpoint: " + e.getMessage(), e);
        }
    }

    /**
     * How the device's hub link opens: HTTPS over {@code https}, or one MQTT connection for the command's run, a
     * malformed hub MQTT endpoint in dev-settings.json being a usage error naming it.
     */
    HubLink.Opener hubs(DeviceOptions options, DeviceTransport https) {
        return mqtt(options).<HubLink.Opener>map(mqtt -> {
            HubLink.Opener opener = mqtt.hubs(MqttEndpoints.TOKEN_LIFETIME, Clock.systemUTC());
            return (hostName, deviceId, credentials) -> {
                try {
                    return opener.open(hostName, deviceId, credentials);
                } catch (IllegalArgumentException e) {
                    throw new UsageException("the hub MQTT endpoint: " + e.getMessage(), e);
                }
            };
        }).orElseGet(() -> HttpsHubLink.opener(https, Clock.systemUTC()));
    }

    /** Where the device finds DPS and its hub over MQTT; empty over HTTPS. */
    public Optional<MqttEndpoints> mqtt(DeviceOptions options) {
        MqttEndpoint.Flavour flavour = switch (transport) {
            case "https" -> null;
            case "mqtt" -> MqttEndpoint.Flavour.TLS;
            case "mqtt-ws" -> MqttEndpoint.Flavour.WEBSOCKET;
            default -> throw new UsageException("--transport is https, mqtt or mqtt-ws, not '" + transport + "'");
        };
        return Optional.ofNullable(flavour).map(mqtt -> new MqttEndpoints(mqtt, options.mqttSettings(), options.endpoint().trustedRoots()));
    }
}
