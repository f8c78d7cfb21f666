package dev.dpsrig.emulator.fleet;

import dev.dpsrig.emulator.client.MqttSettings;
import dev.dpsrig.emulator.device.DeviceTransport;
import dev.dpsrig.emulator.device.DpsEndpoint;
import dev.dpsrig.emulator.device.HttpsHubLink;
import dev.dpsrig.emulator.device.HubLink;
import dev.dpsrig.emulator.device.ProvisioningClient;
import dev.dpsrig.emulator.device.RetryPolicy;
import dev.dpsrig.emulator.device.Waiter;
import dev.dpsrig.emulator.device.mqtt.MqttEndpoints;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * How a fleet's devices reach DPS and their hubs, for each transport the run uses: over HTTPS the run's shared
 * {@link DeviceTransport}; over MQTT (TLS or WebSockets) an MQTT connection per registration and then one to the
 * assigned hub that the device keeps until it is done, at the endpoints {@code dev-settings.json} names (else Azure's
 * ports on the same hosts).
 */
final class FleetLinks {
    /** A hub's SAS token lives an hour, as the SDKs' do; a device's connection is renewed before it runs out. */

    /** What a device of one transport registers through and opens its hub link with. */
    record Links(ProvisioningClient dps, HubLink.Opener hubs) {
    }

    private final Map<FleetTransport, Links> links = new EnumMap<>(FleetTransport.class);

    FleetLinks(List<FleetTransport> transports, DpsEndpoint endpoint, MqttSettings mqtt, DeviceTransport https, RetryPolicy policy) {
        Clock clock = Clock.systemUTC();
        for (FleetTransport transport : transports) {
            links.put(transport, transport.mqtt().map(flavour -> {
                MqttEndpoints endpoints = new MqttEndpoints(flavour, mqtt, endpoint.trustedRoots());
                return new Links(new ProvisioningClient(endpoint, endpoints.provisioning(endpoint, clock), policy, clock, Waiter.SLEEPING),
                        endpoints.hubs(MqttEndpoints.TOKEN_LIFETIME, clock));
            }).orElseGet(() -> new Links(new ProvisioningClient(endpoint, https, policy, clock, Waiter.SLEEPING),
                    HttpsHubLink.opener(https, clock))));
        }
    }

    Links of(FleetTransport transport) {
        return links.get(transport);
    }
}
