package dev.dpsrig.simulator.mqtt.hub;

import dev.dpsrig.protocol.HubException;
import dev.dpsrig.protocol.hub.MqttPropertyBag;
import dev.dpsrig.simulator.dps.DeviceCredentials;
import dev.dpsrig.simulator.hub.IncomingMessage;
import dev.dpsrig.simulator.hub.SimulatedHub;
import dev.dpsrig.simulator.mqtt.MqttSession;
import dev.dpsrig.simulator.mqtt.ProtocolViolation;
import java.lang.System.Logger.Level;
import java.lang.System.Logger;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One device connected to a hub over MQTT: its telemetry, accepted by the call the HTTPS events route makes, with the
 * credentials of its CONNECT (checked again for each message, so an expired token ends the connection as on IoT Hub),
 * and its subscriptions. A PUBLISH to another device's topic, to a topic the hub does not serve, or one the hub refuses
 * closes the connection, the log saying what HTTPS would have answered.
 */
final class HubMqttSession implements MqttSession {
    private static final Logger LOG = System.getLogger(HubMqttSession.class.getName());

    private final SimulatedHub hub;
    private final String deviceId;
    private final DeviceCredentials credentials;
    private final Set<String> hostNames;
    private final DeviceConnections connections;
    private volatile Runnable disconnect = () -> {
    };

    HubMqttSession(SimulatedHub hub, String deviceId, DeviceCredentials credentials, Set<String> hostNames,
                   DeviceConnections connections) {
        this.hub = hub;
        this.deviceId = deviceId;
        this.credentials = credentials;
        this.hostNames = Set.copyOf(hostNames);
        this.connections = connections;
    }

    String deviceId() {
        return deviceId;
    }

    @Override
    public boolean serves(String filter) {
        return HubTopic.served(filter, deviceId);
    }

    @Override
    public void received(Publish publish, Replies replies) {
        HubTopic.Telemetry telemetry = HubTopic.telemetry(publish.topic()).orElseThrow(() -> new ProtocolViolation("PUBLISH to '"
                + publish.topic() + "', which the hub does not serve; it serves " + HubTopic.TELEMETRY));
        if (!telemetry.deviceId().equals(deviceId) || telemetry.moduleId().isPresent()) {
            throw new ProtocolViolation("PUBLISH to '" + publish.topic() + "', which is not the telemetry topic of device '"
                    + deviceId + "': devices/" + deviceId + "/messages/events/{property bag}");
        }
        MqttPropertyBag properties;
        try {
            properties = MqttPropertyBag.parse(telemetry.propertyBag());
        } catch (IllegalArgumentException e) {
            throw new ProtocolViolation("PUBLISH to '" + publish.topic() + "' with a malformed property bag: " + e.getMessage());
        }
        try {
            hub.acceptEvents(deviceId, Optional.empty(), credentials, hostNames, List.of(new IncomingMessage(publish.payload(),
                    properties.applicationProperties(), properties.systemProperties())));
        } catch (HubException e) {
            throw new ProtocolViolation("hub '" + hub.name() + "' refused a message of device '" + deviceId + "' with "
                    + e.errorCode().code() + " " + e.errorCode().wireName() + ": " + e.getMessage());
        }
    }

    @Override
    public void opened(Runnable disconnect) {
        this.disconnect = disconnect;
        connections.opened(this);
    }

    @Override
    public void closed() {
        connections.closed(this);
    }

    /** A newer connection of the same device took this one's place: this one ends. */
    void replaced() {
        LOG.log(Level.INFO, "closed the MQTT connection of device '" + deviceId + "' to hub '" + hub.name()
                + "': it connected again (400027 ConnectionForcefullyClosedOnNewConnection)");
        disconnect.run();
    }
}
