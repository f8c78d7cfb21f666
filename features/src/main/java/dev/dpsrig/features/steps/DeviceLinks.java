package dev.dpsrig.features.steps;

import dev.dpsrig.emulator.client.MqttSettings;
import dev.dpsrig.emulator.device.DeviceTransport;
import dev.dpsrig.emulator.device.DpsEndpoint;
import dev.dpsrig.emulator.device.HttpsHubLink;
import dev.dpsrig.emulator.device.HttpsProvisioningLink;
import dev.dpsrig.emulator.device.HubLink;
import dev.dpsrig.emulator.device.ProvisioningLink;
import dev.dpsrig.emulator.device.mqtt.MqttEndpoint;
import dev.dpsrig.emulator.device.mqtt.MqttEndpoints;
import dev.dpsrig.emulator.device.mqtt.MqttHubLink;
import dev.dpsrig.emulator.device.mqtt.MqttProvisioningLink;
import dev.dpsrig.features.transport.Transport;
import java.time.Clock;

/**
 * How one scenario device reaches DPS and its hub over the scenario's transport: HTTPS on the scenario's recording
 * transport, or MQTT (over TLS or WebSockets) at the endpoints the target names, trusting the device's roots.
 */
record DeviceLinks(Transport transport, MqttSettings settings) {
    /** A hub's SAS token lives an hour, as the SDKs' do. */

    ProvisioningLink provisioning(DpsEndpoint endpoint, DeviceTransport https) {
        return switch (transport) {
            case HTTPS -> new HttpsProvisioningLink(endpoint, https, Clock.systemUTC());
            case MQTT, MQTT_WS -> new MqttProvisioningLink(endpoint, mqtt(endpoint).dps(endpoint.globalEndpoint()), Clock.systemUTC());
        };
    }

    HubLink.Opener hubs(DpsEndpoint endpoint, DeviceTransport https) {
        return switch (transport) {
            case HTTPS -> HttpsHubLink.opener(https, Clock.systemUTC());
            case MQTT, MQTT_WS -> MqttHubLink.opener(mqtt(endpoint)::hub, MqttEndpoints.TOKEN_LIFETIME, Clock.systemUTC());
        };
    }

    private MqttEndpoints mqtt(DpsEndpoint endpoint) {
        MqttEndpoint.Flavour flavour = transport == Transport.MQTT_WS ? MqttEndpoint.Flavour.WEBSOCKET : MqttEndpoint.Flavour.TLS;
        return new MqttEndpoints(flavour, settings, endpoint.trustedRoots());
    }
}
