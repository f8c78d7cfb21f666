package dev.dpsrig.emulator.device.mqtt;

import dev.dpsrig.emulator.client.MqttSettings;
import dev.dpsrig.emulator.device.DpsEndpoint;
import dev.dpsrig.emulator.device.HubLink;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Where a device finds DPS and its assigned hub over MQTT in one flavour: what {@code dev-settings.json} names
 * ({@link MqttSettings}), else Azure's port on the host the device was given (8883 over TLS; 443 over WebSockets at
 * {@code wss://{host}:443/$iothub/websocket}).
 */
public record MqttEndpoints(MqttEndpoint.Flavour flavour, MqttSettings settings, List<X509Certificate> trustedRoots) {
    /**
     * How long a SAS token a device connects with over MQTT is valid, as the Azure SDKs default it: one hour, the
     * connection renewed with a fresh token after nine tenths of it.
     */
    public static final Duration TOKEN_LIFETIME = Duration.ofHours(1);

    public MqttEndpoints {
        trustedRoots = List.copyOf(trustedRoots);
    }

    /** DPS's MQTT endpoint for a device given the global endpoint {@code globalEndpoint} ({@code host[:port]}). */
    public MqttEndpoint dps(String globalEndpoint) {
        return switch (flavour) {
            case TLS -> settings.dpsEndpoint().map(named -> MqttEndpoint.tls(named, trustedRoots))
                    .orElseGet(() -> MqttEndpoint.standard(flavour, host(globalEndpoint), trustedRoots));
            case WEBSOCKET -> settings.dpsWebSocketEndpoint().map(named -> MqttEndpoint.webSocket(named, trustedRoots))
                    .orElseGet(() -> MqttEndpoint.standard(flavour, host(globalEndpoint), trustedRoots));
        };
    }

    /** The MQTT endpoint of the hub DPS assigned as {@code hostName} ({@code host[:port]}). */
    public MqttEndpoint hub(String hostName) {
        return switch (flavour) {
            case TLS -> settings.hubEndpoints().containsKey(hostName) ? MqttEndpoint.tls(settings.hubEndpoints().get(hostName), trustedRoots)
                    : MqttEndpoint.standard(flavour, host(hostName), trustedRoots);
            case WEBSOCKET -> settings.hubWebSocketEndpoints().containsKey(hostName)
                    ? MqttEndpoint.webSocket(settings.hubWebSocketEndpoints().get(hostName), trustedRoots)
                    : MqttEndpoint.standard(flavour, host(hostName), trustedRoots);
        };
    }

    /** The DPS device API over MQTT for devices given {@code dps}, at {@link #dps}'s endpoint. */
    public MqttProvisioningLink provisioning(DpsEndpoint dps, Clock clock) {
        return new MqttProvisioningLink(dps, dps(dps.globalEndpoint()), clock);
    }

    /** How a device opens its assigned hub's link over MQTT, at {@link #hub}'s endpoint, its SAS tokens living {@code tokenLifetime}. */
    public HubLink.Opener hubs(Duration tokenLifetime, Clock clock) {
        return MqttHubLink.opener(this::hub, tokenLifetime, clock);
    }

    private static String host(String hostAndPort) {
        return MqttEndpoint.tls(hostAndPort, List.of()).host();
    }
}
