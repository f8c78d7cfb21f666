package dev.dpsrig.emulator.device.mqtt;

import dev.dpsrig.emulator.device.CloudMessage;
import dev.dpsrig.emulator.device.DeviceAttestation;
import dev.dpsrig.emulator.device.DeviceTransport;
import dev.dpsrig.emulator.device.HubLink;
import dev.dpsrig.emulator.device.HubRequestException;
import dev.dpsrig.emulator.device.Telemetry;
import dev.dpsrig.protocol.hub.MqttPropertyBag;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The IoT Hub device API over MQTT (over TLS on 8883, or over WebSockets on 443): one connection for the device's life,
 * its client id the device id, its user name {@code {hubHost}/{deviceId}/?api-version=2021-04-12}, its password a SAS
 * token for {@code {hubHost}/devices/{deviceId}} or none for an X.509 device. Telemetry is a QoS 1 PUBLISH to
 * {@code devices/{deviceId}/messages/events/{property bag}}, the PUBACK being the hub's acceptance. Cloud-to-device
 * messages arrive on {@code devices/{deviceId}/messages/devicebound/{property bag}}, subscribed to on every connection;
 * completing one is its PUBACK (MQTT has no reject or abandon).
 *
 * <p>A dropped connection is a {@link DeviceTransport.TransportFailure}; the next attempt connects again, spaced by the
 * client's backoff. A SAS token is renewed by connecting again with a fresh one after nine tenths of its lifetime: on
 * the next use, or then and there for a device idle waiting for cloud-to-device messages. A refused CONNACK is answered as HTTPS would answer the refusal (401 for credentials, 503 while the hub
 * is unavailable), naming the CONNACK code.
 */
public final class MqttHubLink implements HubLink, MqttConnection.Listener {
    /** The IoT Hub device API version a device names in its MQTT user name. */
    public static final String API_VERSION = "2021-04-12";
    /**
     * How long the first receive on a new connection waits for what the hub pushes once the device subscribes: the
     * messages already queued for it. MQTT has no answer saying none is queued.
     */
    static final Duration FIRST_PUSH = Duration.ofMillis(500);

    private final String hostName;
    private final String deviceId;
    private final DeviceConnection connection;
    private final BlockingQueue<CloudMessage> received = new LinkedBlockingQueue<>();
    private final Map<String, Delivered> locked = new ConcurrentHashMap<>();
    private final AtomicLong lockTokens = new AtomicLong();
    private final Set<String> answered = ConcurrentHashMap.newKeySet();
    private volatile MqttConnection listening;

    /** A cloud-to-device message received on a connection, to be acknowledged there. */
    private record Delivered(MqttConnection connection, int packetId) {
    }

    /**
     * @param endpoint      where the hub serves MQTT: its {@code mqttEndpoint}, or {@code {host}:8883}
     * @param hostName      the assigned hub, as the device addresses it in its user name and token
     * @param tokenLifetime how long each SAS token is valid; the connection is renewed before it runs out
     */
    public MqttHubLink(MqttEndpoint endpoint, String hostName, String deviceId, DeviceAttestation credentials, Duration tokenLifetime,
                       Clock clock) {
        this.hostName = hostName;
        this.deviceId = deviceId;
        this.connection = new DeviceConnection(endpoint, credentials.clientCertificate(), now -> login(credentials, tokenLifetime, now),
                Optional.of(deviceBound() + "#"), this, answered, clock);
    }

    /** Links to the hub {@code endpoints} says serves MQTT for an assigned hub's host name. */
    public static Opener opener(Function<String, MqttEndpoint> endpoints, Duration tokenLifetime, Clock clock) {
        return (hostName, deviceId, credentials) -> new MqttHubLink(endpoints.apply(hostName), hostName, deviceId, credentials,
                tokenLifetime, clock);
    }

    @Override
    public String hostName() {
        return hostName;
    }

    @Override
    public String deviceId() {
        return deviceId;
    }

    @Override
    public Delivery send(Telemetry message, Duration timeout) throws DeviceTransport.TransportFailure {
        return sendBatch(List.of(message), timeout);
    }

    @Override
    public Delivery sendBatch(List<Telemetry> messages, Duration timeout) throws DeviceTransport.TransportFailure {
        try {
            return connection.use(timeout, open -> {
                for (Telemetry message : messages) {
                    String bag = new MqttPropertyBag(message.properties(), message.systemProperties()).encode();
                    open.publish("devices/" + deviceId + "/messages/events/" + bag, message.body(), timeout);
                }
                return Delivery.ACCEPTED;
            });
        } catch (ConnackRefusal refusal) {
            return new Delivery(refusal.httpStatus(), Optional.empty(), refusal.getMessage(), Optional.empty());
        } catch (IOException e) {
            throw connection.failure(e);
        }
    }

    @Override
    public boolean hasAnswered(String endpoint) {
        return answered.contains(endpoint);
    }

    /**
     * Connects (and so subscribes) when not connected; answers the next message already received, waiting only on a
     * connection just subscribed, for {@link #FIRST_PUSH}, for the messages the hub had queued.
     */
    @Override
    public Optional<CloudMessage> receive(Duration timeout) throws DeviceTransport.TransportFailure {
        MqttConnection open;
        try {
            open = connection.open(timeout);
        } catch (ConnackRefusal refusal) {
            throw new HubRequestException(refusal.httpStatus(), Optional.empty(), refusal.getMessage());
        }
        if (open == listening) {
            return Optional.ofNullable(received.poll());
        }
        listening = open;
        try {
            return Optional.ofNullable(received.poll(FIRST_PUSH.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.ofNullable(received.poll());
        }
    }

    @Override
    public void settle(String lockToken, Settlement settlement, Duration timeout) throws DeviceTransport.TransportFailure {
        if (settlement != Settlement.COMPLETE) {
            throw new HubRequestException(0, Optional.empty(), "IoT Hub over MQTT cannot " + settlement.name().toLowerCase(Locale.ROOT)
                    + " a cloud-to-device message: a device only completes one (its PUBACK); use HTTPS to reject or abandon");
        }
        Delivered delivered = locked.remove(lockToken);
        if (delivered == null) {
            throw new HubRequestException(0, Optional.empty(), "no cloud-to-device message with lock token " + lockToken
                    + " was received on this device's connection");
        }
        try {
            delivered.connection().acknowledge(delivered.packetId());
        } catch (IOException e) {
            throw connection.failure(e);
        }
    }

    @Override
    public void close() {
        connection.close();
    }

    @Override
    public void message(MqttConnection from, MqttPacket.Publish message) {
        String prefix = deviceBound();
        if (!message.topic().startsWith(prefix)) {
            return;
        }
        MqttPropertyBag bag;
        try {
            bag = MqttPropertyBag.parse(message.topic().substring(prefix.length()));
        } catch (IllegalArgumentException e) {
            bag = new MqttPropertyBag(Map.of(), Map.of());
        }
        Map<String, String> headers = new LinkedHashMap<>();
        bag.systemProperties().forEach((property, value) -> headers.put(property.header(), value));
        String lockToken = "mqtt-" + lockTokens.incrementAndGet();
        message.packetId().ifPresent(id -> locked.put(lockToken, new Delivered(from, id)));
        received.add(new CloudMessage(message.payload(), lockToken, 1, bag.applicationProperties(), headers));
    }

    @Override
    public void closed(IOException why) {
        // Messages received but not completed are delivered again by the hub; they and their lock tokens end with the connection.
        Set<String> ended = new HashSet<>();
        locked.entrySet().removeIf(entry -> !entry.getValue().connection().isOpen() && ended.add(entry.getKey()));
        received.removeIf(message -> ended.contains(message.lockToken()));
    }

    private String deviceBound() {
        return "devices/" + deviceId + "/messages/devicebound/";
    }

    private DeviceConnection.Login login(DeviceAttestation credentials, Duration tokenLifetime, Instant now) {
        return DeviceConnection.Login.of(deviceId, hostName + "/" + deviceId + "/?api-version=" + API_VERSION, credentials,
                hostName + "/devices/" + deviceId, Optional.empty(), tokenLifetime, now);
    }
}
