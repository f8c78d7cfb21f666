package dev.dpsrig.simulator.mqtt.hub;

import dev.dpsrig.protocol.HubException;
import dev.dpsrig.protocol.hub.MqttPropertyBag;
import dev.dpsrig.simulator.dps.DeviceCredentials;
import dev.dpsrig.simulator.fault.Call;
import dev.dpsrig.simulator.fault.Endpoint;
import dev.dpsrig.simulator.fault.Fault;
import dev.dpsrig.simulator.fault.FaultInjector;
import dev.dpsrig.simulator.fault.Injection;
import dev.dpsrig.simulator.fault.Refusal;
import dev.dpsrig.simulator.fault.Transport;
import dev.dpsrig.simulator.hub.IncomingMessage;
import dev.dpsrig.simulator.hub.SimulatedHub;
import dev.dpsrig.simulator.mqtt.ConnectionDropped;
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
 * its subscriptions, and what the hub feeds it ({@link DeviceFeed}: its cloud-to-device messages). A PUBLISH to
 * another device's topic, to a topic the hub does not serve, or one the hub refuses closes the connection, the log
 * saying what HTTPS would have answered. Each telemetry PUBLISH first meets the fault plan and the quotas, as a send
 * over HTTPS does; MQTT 3.1.1 has no way to refuse a PUBLISH, so a refusal (throttle, server error, authentication
 * error) closes the connection without a PUBACK, as IoT Hub does; a drop closes it before the PUBACK, the message not
 * accepted ({@code after-request}), or after it, the message accepted ({@code mid-response}); a delay holds the PUBACK.
 */
final class HubMqttSession implements MqttSession {
    private static final Logger LOG = System.getLogger(HubMqttSession.class.getName());

    private final SimulatedHub hub;
    private final FaultInjector faults;
    private final String deviceId;
    private final DeviceCredentials credentials;
    private final Set<String> hostNames;
    private final DeviceConnections connections;
    private volatile Outbound device;
    private volatile List<DeviceFeed> feeds = List.of();

    HubMqttSession(SimulatedHub hub, FaultInjector faults, String deviceId, DeviceCredentials credentials, Set<String> hostNames,
                   DeviceConnections connections) {
        this.hub = hub;
        this.faults = faults;
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
        IncomingMessage message = new IncomingMessage(publish.payload(), properties.applicationProperties(), properties.systemProperties());
        switch (faults.arriving(Call.toHub(Transport.MQTT, hub.name(), Endpoint.HUB_SEND, deviceId, true))) {
            case Injection.Refuse refuse -> throw new ConnectionDropped("hub '" + hub.name() + "' refused a message of device '"
                    + deviceId + "' with " + refuse.refusal().hubErrorCode().code() + " " + refuse.refusal().hubErrorCode().wireName()
                    + ": " + refuse.refusal().message() + httpsRetryAfter(refuse.refusal()) + "; over MQTT: no PUBACK");
            case Injection.Drop drop when drop.point() == Fault.DropPoint.AFTER_REQUEST -> throw new ConnectionDropped(drop.reason()
                    + " before the PUBACK; the message was not accepted");
            case Injection.Drop drop -> {
                accept(message);
                throw ConnectionDropped.afterAcknowledging(drop.reason() + " after the PUBACK; the message was accepted");
            }
            case Injection.Proceed proceed -> {
                proceed.pause();
                accept(message);
            }
        }
    }

    private void accept(IncomingMessage message) {
        try {
            hub.acceptEvents(deviceId, Optional.empty(), credentials, hostNames, List.of(message));
        } catch (HubException e) {
            throw new ProtocolViolation("hub '" + hub.name() + "' refused a message of device '" + deviceId + "' with "
                    + e.errorCode().code() + " " + e.errorCode().wireName() + ": " + e.getMessage());
        }
    }

    @Override
    public void opened(Outbound outbound) {
        this.device = outbound;
        this.feeds = List.of(new CloudToDeviceFeed(hub, deviceId, credentials, hostNames, outbound));
        connections.opened(this);
    }

    @Override
    public void subscribed(String filter) {
        feeds.forEach(feed -> feed.subscribed(filter));
    }

    @Override
    public void closed() {
        connections.closed(this);
        feeds.forEach(DeviceFeed::closed);
    }

    /** A newer connection of the same device took this one's place: this one ends. */
    void replaced() {
        LOG.log(Level.INFO, "closed the MQTT connection of device '" + deviceId + "' to hub '" + hub.name()
                + "': it connected again (400027 ConnectionForcefullyClosedOnNewConnection)");
        device.disconnect();
    }

    /** For a throttled message, the {@code Retry-After} the HTTPS answer would carry, which MQTT 3.1.1 has no way to say. */
    private static String httpsRetryAfter(Refusal refusal) {
        return refusal instanceof Refusal.Throttled throttled
                ? " (over HTTPS: 429 with Retry-After: " + throttled.retryAfterSeconds() + ")" : "";
    }
}
