package dev.dpsrig.simulator.mqtt.hub;

import dev.dpsrig.protocol.HubException;
import dev.dpsrig.protocol.hub.MqttPropertyBag;
import dev.dpsrig.simulator.dps.DeviceCredentials;
import dev.dpsrig.simulator.hub.CloudToDeviceMessage;
import dev.dpsrig.simulator.hub.Delivery;
import dev.dpsrig.simulator.hub.SimulatedHub;
import dev.dpsrig.simulator.mqtt.MqttSession;
import java.lang.System.Logger.Level;
import java.lang.System.Logger;
import java.util.Optional;
import java.util.Set;

/**
 * One connected device's cloud-to-device messages over MQTT, as IoT Hub delivers them. Once the device subscribed to
 * its {@code devicebound} filter, the oldest visible message of its queue is received under a lock, as an HTTPS
 * receive takes it, and published on {@code devices/{id}/messages/devicebound/{property bag}} at the QoS granted; one
 * at a time: the device's PUBACK completes it, as an HTTPS complete does (at QoS 0 it is completed as it is sent), and
 * the next follows. A message queued while the device is connected goes out at once. When the connection ends before
 * the PUBACK, the message's lock is released: it is delivered again on the device's next subscription, its delivery
 * count unchanged, as when a lock lapses. A lock that lapsed before the PUBACK came (the hub's lock timeout) makes the
 * PUBACK too late: the message is delivered again. Credentials the hub no longer accepts end the connection.
 */
final class CloudToDeviceFeed implements DeviceFeed {
    private static final Logger LOG = System.getLogger(CloudToDeviceFeed.class.getName());

    private final SimulatedHub hub;
    private final String deviceId;
    private final DeviceCredentials credentials;
    private final Set<String> hostNames;
    private final MqttSession.Outbound device;
    /** Guarded by {@code this}: whether the device subscribed, and how to stop watching its queue. */
    private Optional<Runnable> watching = Optional.empty();
    /** Guarded by {@code this}: the message published and not yet acknowledged. */
    private Optional<Delivery> inFlight = Optional.empty();
    /** Guarded by {@code this}: whether a thread is publishing messages, one after another, in {@link #next}. */
    private boolean publishing;
    private boolean closed;

    CloudToDeviceFeed(SimulatedHub hub, String deviceId, DeviceCredentials credentials, Set<String> hostNames,
                      MqttSession.Outbound device) {
        this.hub = hub;
        this.deviceId = deviceId;
        this.credentials = credentials;
        this.hostNames = Set.copyOf(hostNames);
        this.device = device;
    }

    @Override
    public void subscribed(String filter) {
        synchronized (this) {
            if (closed || !HubTopic.deviceBound(filter, deviceId)) {
                return;
            }
            if (watching.isEmpty()) {
                // Told on the thread that queued the message: the push goes out on a thread of its own.
                watching = Optional.of(hub.watchDeviceBound(deviceId, () -> Thread.ofVirtual().name("c2d-" + deviceId).start(this::pushQueued)));
            }
        }
        next();
    }

    /**
     * {@link #next} for a message queued meanwhile, on a thread of its own. A connection closing under it (a TLS socket
     * or a WebSocket, each failing in its own way) is logged in one line; the connection's end releases the message
     * ({@link #closed}).
     */
    private void pushQueued() {
        try {
            next();
        } catch (RuntimeException closing) {
            LOG.log(Level.INFO, "the MQTT connection of device '" + deviceId + "' failed while a message was pushed: " + closing);
        }
    }

    /**
     * Publishes the oldest visible message, and the next as soon as it is acknowledged (at QoS 0, as it is sent), for as
     * long as there is one and the device is subscribed. One thread at a time publishes, outside the lock, so that a
     * PUBACK read meanwhile is not held up: a thread that finds another publishing leaves the next message to it.
     */
    private void next() {
        synchronized (this) {
            if (publishing) {
                return;
            }
            publishing = true;
        }
        try {
            for (Optional<Delivery> chosen = choose(); chosen.isPresent(); chosen = choose()) {
                publish(chosen.get());
            }
        } catch (RuntimeException e) {
            synchronized (this) {
                publishing = false;
            }
            throw e;
        }
    }

    /**
     * The oldest visible message, received and marked in flight, unless one is in flight or the device is not
     * subscribed; when there is none, publishing stops.
     */
    private synchronized Optional<Delivery> choose() {
        Optional<Delivery> received = Optional.empty();
        if (!closed && watching.isPresent() && inFlight.isEmpty()) {
            try {
                received = hub.receive(deviceId, credentials, hostNames);
            } catch (HubException e) {
                LOG.log(Level.INFO, "closed the MQTT connection of device '" + deviceId + "' to hub '" + hub.name() + "': receiving its"
                        + " cloud-to-device messages failed with " + e.errorCode().code() + " " + e.errorCode().wireName() + ": " + e.getMessage());
                device.disconnect();
            }
        }
        if (received.isPresent()) {
            inFlight = received;
        }
        publishing = received.isPresent();
        return received;
    }

    private void publish(Delivery delivery) {
        CloudToDeviceMessage message = delivery.message();
        String bag = new MqttPropertyBag(message.properties(), message.systemProperties()).toDeviceBound(deviceId);
        if (!device.publish(HubTopic.deviceBoundTopic(deviceId, bag), message.body(), () -> acknowledged(delivery))) {
            // Unsubscribed since: the message waits for the next subscription.
            synchronized (this) {
                stopWatching();
                inFlight = Optional.empty();
            }
            hub.releaseLock(deviceId, delivery.lockToken());
        }
    }

    private void acknowledged(Delivery delivery) {
        synchronized (this) {
            if (inFlight.filter(delivery::equals).isEmpty()) {
                return;
            }
            inFlight = Optional.empty();
        }
        try {
            hub.complete(deviceId, delivery.lockToken(), credentials, hostNames);
        } catch (HubException e) {
            LOG.log(Level.INFO, "the PUBACK of device '" + deviceId + "' for cloud-to-device message #" + delivery.message().sequenceNumber()
                    + " came too late (" + e.getMessage() + "); it is delivered again");
        }
        next();
    }

    @Override
    public void closed() {
        Optional<Delivery> unacknowledged;
        synchronized (this) {
            closed = true;
            stopWatching();
            unacknowledged = inFlight;
            inFlight = Optional.empty();
        }
        unacknowledged.ifPresent(delivery -> hub.releaseLock(deviceId, delivery.lockToken()));
    }

    private void stopWatching() {
        watching.ifPresent(Runnable::run);
        watching = Optional.empty();
    }
}
