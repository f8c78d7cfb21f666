package dev.dpsrig.features.steps;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * One device's MQTT 3.1.1 connection over TLS to DPS or a hub, made with Eclipse Paho as a device SDK makes it: a
 * clean session, no reconnecting, the messages that arrive on its subscriptions kept in order, and what each packet
 * it sent led to written to the scenario's log of the device.
 */
final class DeviceMqttConnection implements AutoCloseable {
    private static final Duration PACKET_WAIT = Duration.ofSeconds(10);

    private final MqttClient client;
    private final List<String> log;
    private final BlockingQueue<MqttAnswer> unread = new LinkedBlockingQueue<>();
    private final List<MqttAnswer> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger requestIds = new AtomicInteger();

    private DeviceMqttConnection(MqttClient client, List<String> log) {
        this.client = client;
        this.log = log;
    }

    /**
     * Connects to {@code serverUri} ({@code ssl://host:port}); a CONNACK that refuses comes out as the
     * {@link MqttException}'s reason code, and nothing is left open.
     */
    static DeviceMqttConnection open(String serverUri, String clientId, String username, Optional<String> password,
                                     SSLSocketFactory tls, List<String> log) throws MqttException {
        MqttClient client = new MqttClient(serverUri, clientId, new MemoryPersistence());
        client.setTimeToWait(PACKET_WAIT.toMillis());
        DeviceMqttConnection connection = new DeviceMqttConnection(client, log);
        client.setCallback(connection.callback());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(true);
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout((int) PACKET_WAIT.toSeconds());
        options.setUserName(username);
        password.ifPresent(text -> options.setPassword(text.toCharArray()));
        options.setSocketFactory(tls);
        log.add("CONNECT " + serverUri + " as '" + clientId + "', user name '" + username + "'");
        try {
            client.connect(options);
        } catch (MqttException e) {
            log.add("  refused: " + e.getMessage() + " (" + e.getReasonCode() + ")");
            client.close(true);
            throw e;
        }
        log.add("  CONNACK accepted");
        return connection;
    }

    /** Subscribes to one filter; the QoS granted (128 for a refusal). */
    int subscribe(String filter, int qos) throws MqttException {
        int granted = client.subscribeWithResponse(new String[] {filter}, new int[] {qos}).getGrantedQos()[0];
        log.add("SUBSCRIBE " + filter + " at QoS " + qos + ": granted " + granted);
        return granted;
    }

    /**
     * Publishes and waits for the end of the exchange QoS 1 or 2 asks for; false, with the reason in the log, when the
     * connection ended first.
     */
    boolean publish(String topic, String body, int qos) {
        log.add("PUBLISH " + topic + " at QoS " + qos + ": " + body);
        try {
            client.publish(topic, body.getBytes(StandardCharsets.UTF_8), qos, false);
            return true;
        } catch (MqttException e) {
            log.add("  not delivered: " + e.getMessage() + " (" + e.getReasonCode() + ")");
            return false;
        }
    }

    /** The client id of the CONNECT: the registration id on DPS, the device id on a hub. */
    String clientId() {
        return client.getClientId();
    }

    /** A request id not used on this connection yet. */
    String nextRequestId() {
        return Integer.toString(requestIds.incrementAndGet());
    }

    /** The next answer naming request id {@code rid}, skipping others; empty when none came within the wait. */
    Optional<MqttAnswer> awaitAnswer(String rid) throws InterruptedException {
        long end = System.nanoTime() + PACKET_WAIT.toNanos();
        for (long left = PACKET_WAIT.toNanos(); left > 0; left = end - System.nanoTime()) {
            MqttAnswer answer = unread.poll(left, TimeUnit.NANOSECONDS);
            if (answer != null && answer.requestId().filter(rid::equals).isPresent()) {
                return Optional.of(answer);
            }
        }
        return Optional.empty();
    }

    /** Every answer that arrived on this connection, in order. */
    List<MqttAnswer> received() {
        return List.copyOf(received);
    }

    boolean isOpen() {
        return client.isConnected();
    }

    /** Whether the connection ended, waiting up to the packet wait for it to. */
    boolean awaitClosed() throws InterruptedException {
        long end = System.nanoTime() + PACKET_WAIT.toNanos();
        while (client.isConnected() && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        return !client.isConnected();
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnectForcibly(1000, 1000);
        }
        client.close(true);
    }

    private MqttCallback callback() {
        return new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                log.add("connection closed: " + cause.getMessage());
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                MqttAnswer answer = new MqttAnswer(topic, new String(message.getPayload(), StandardCharsets.UTF_8));
                log.add("received " + answer);
                received.add(answer);
                unread.add(answer);
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
                // The PUBACK ends publish(), which waits for it.
            }
        };
    }
}
