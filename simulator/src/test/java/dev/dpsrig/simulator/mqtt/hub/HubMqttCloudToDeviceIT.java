package dev.dpsrig.simulator.mqtt.hub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dpsrig.protocol.MessageProperty;
import dev.dpsrig.protocol.hub.MqttPropertyBag;
import dev.dpsrig.simulator.hub.CloudToDeviceMessage;
import dev.dpsrig.simulator.hub.CloudToDeviceSettings;
import dev.dpsrig.simulator.hub.QueuedMessage;
import dev.dpsrig.simulator.hub.Settlement;
import dev.dpsrig.simulator.hub.SimulatedHub;
import dev.dpsrig.simulator.server.LocalSimulator;
import dev.dpsrig.simulator.server.SimulatorConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Cloud-to-device messages over MQTT, with Eclipse Paho acknowledging by hand against the running simulator: a
 * message queued for a subscribed device arrives at once on its devicebound topic with its properties in the topic,
 * is locked until the PUBACK and completed by it, as an HTTPS complete would; messages queued before the device
 * connected arrive one at a time once it subscribes; one not acknowledged when the connection drops is delivered again
 * on the next subscription.
 */
class HubMqttCloudToDeviceIT {
    private static final Duration WAIT = Duration.ofSeconds(5);
    /** Deep enough a queue for a backlog of thousands of messages. */
    private static final int QUEUE_DEPTH = 5000;

    private static LocalSimulator simulator;
    private static SimulatedHub hub;
    private static HubDevices devices;

    @BeforeAll
    static void start() {
        simulator = LocalSimulator.start(SimulatorConfig.builder().assignmentDelay(Duration.ZERO)
                .cloudToDevice(new CloudToDeviceSettings(Duration.ofMinutes(1), 10, QUEUE_DEPTH, Duration.ofHours(1), Duration.ofDays(2)))
                .build());
        hub = simulator.iotHub(SimulatorConfig.DEFAULT_HUB);
        devices = new HubDevices(simulator);
    }

    @AfterAll
    static void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void aMessageQueuedForASubscribedDeviceArrivesWithItsPropertiesInTheTopicAndItsPubackCompletesIt() throws Exception {
        String id = "c2d-mqtt-live";
        Arrivals arrivals = new Arrivals();
        MqttClient device = subscribed(id, arrivals, "devices/" + id + "/messages/devicebound/#", 1);
        try {
            CloudToDeviceMessage sent = hub.sendToDevice(id, bytes("{\"on\":true}"), Map.of("color", "red"),
                    Map.of(MessageProperty.MESSAGE_ID, "m-1", MessageProperty.CORRELATION_ID, "c-1",
                            MessageProperty.CONTENT_TYPE, "application/json", MessageProperty.ACK, "full"), Optional.empty());

            Arrivals.Arrival arrival = arrivals.next(WAIT).orElseThrow();
            assertThat(arrival.topic()).isEqualTo("devices/" + id + "/messages/devicebound/%24.to=%2Fdevices%2F" + id
                    + "%2Fmessages%2FdeviceBound&%24.mid=m-1&%24.cid=c-1&%24.ct=application%2Fjson&iothub-ack=full&color=red");
            MqttPropertyBag bag = MqttPropertyBag.parse(arrival.topic().substring(arrival.topic().lastIndexOf('/') + 1));
            assertThat(bag.applicationProperties()).isEqualTo(Map.of("color", "red"));
            assertThat(bag.systemProperties()).containsEntry(MessageProperty.MESSAGE_ID, "m-1");
            assertThat(arrival.body()).isEqualTo("{\"on\":true}");
            assertThat(arrival.message().getQos()).isEqualTo(1);
            assertThat(hub.deviceBound(id)).singleElement().satisfies(queued -> {
                assertThat(queued.message()).isEqualTo(sent);
                assertThat(queued.lockedUntil()).as("locked until the PUBACK").isPresent();
            });
            assertThat(settlements(id)).isEmpty();

            device.messageArrivedComplete(arrival.message().getId(), 1);

            awaitSettled(id, 1);
            assertThat(settlements(id)).singleElement().satisfies(settlement -> {
                assertThat(settlement.message()).isEqualTo(sent);
                assertThat(settlement.outcome()).isEqualTo(Settlement.Outcome.COMPLETED);
                assertThat(settlement.deliveryCount()).isZero();
            });
            assertThat(hub.deviceBound(id)).isEmpty();
        } finally {
            HubDevices.close(device);
        }
    }

    @Test
    void messagesQueuedBeforeTheDeviceConnectedArriveOnSubscribeOneAtATimeInOrder() throws Exception {
        String id = "c2d-mqtt-waiting";
        String key = devices.provisionSymmetricKey(id);
        hub.sendToDevice(id, bytes("first"), Map.of(), Map.of(), Optional.empty());
        hub.sendToDevice(id, bytes("second"), Map.of(), Map.of(), Optional.empty());
        Arrivals arrivals = new Arrivals();
        MqttClient device = subscribed(id, key, arrivals, "devices/+/messages/devicebound/#", 1);
        try {
            Arrivals.Arrival first = arrivals.next(WAIT).orElseThrow();
            assertThat(first.body()).isEqualTo("first");
            assertThat(arrivals.next(Duration.ofMillis(500))).as("nothing more until the PUBACK").isEmpty();

            device.messageArrivedComplete(first.message().getId(), 1);

            Arrivals.Arrival second = arrivals.next(WAIT).orElseThrow();
            assertThat(second.body()).isEqualTo("second");
            device.messageArrivedComplete(second.message().getId(), 1);
            awaitSettled(id, 2);
            assertThat(settlements(id)).extracting(settlement -> settlement.message().bodyText()).containsExactly("first", "second");
        } finally {
            HubDevices.close(device);
        }
    }

    @Test
    void aMessageNotAcknowledgedBeforeTheConnectionDroppedIsDeliveredAgainOnTheNextSubscription() throws Exception {
        String id = "c2d-mqtt-dropped";
        String key = devices.provisionSymmetricKey(id);
        Arrivals arrivals = new Arrivals();
        MqttClient first = subscribed(id, key, arrivals, "devices/" + id + "/messages/devicebound/#", 1);
        hub.sendToDevice(id, bytes("again"), Map.of("n", "1"), Map.of(), Optional.empty());
        assertThat(arrivals.next(WAIT)).map(Arrivals.Arrival::body).contains("again");

        first.disconnectForcibly(0, 1000, false);
        first.close(true);

        awaitUnlocked(id);
        assertThat(hub.deviceBound(id)).singleElement().extracting(QueuedMessage::deliveryCount).isEqualTo(0);
        assertThat(settlements(id)).isEmpty();
        Arrivals again = new Arrivals();
        MqttClient second = subscribed(id, key, again, "devices/" + id + "/messages/devicebound/#", 1);
        try {
            Arrivals.Arrival redelivered = again.next(WAIT).orElseThrow();
            assertThat(redelivered.body()).isEqualTo("again");
            assertThat(redelivered.topic()).endsWith("&n=1");
            second.messageArrivedComplete(redelivered.message().getId(), 1);
            awaitSettled(id, 1);
            assertThat(settlements(id)).singleElement().extracting(Settlement::outcome).isEqualTo(Settlement.Outcome.COMPLETED);
        } finally {
            HubDevices.close(second);
        }
    }

    /**
     * A device connecting with CleanSession 0, as the Java and Node device SDKs do, keeps its subscription: on its next
     * such connection (the Node SDK reconnects so to renew its token, and subscribes no more) a message queued meanwhile
     * arrives without a SUBSCRIBE, as IoT Hub delivers it; a CleanSession 1 connection discards the kept subscription.
     */
    @Test
    void aDeviceThatKeepsItsSessionReceivesOnItsNextConnectionWithoutSubscribingAgain() throws Exception {
        String id = "c2d-mqtt-kept-session";
        String key = devices.provisionSymmetricKey(id);
        MqttClient first = devices.connectKeepingSession(id, key, Optional.of(new Arrivals()));
        assertThat(first.subscribeWithResponse("devices/" + id + "/messages/devicebound/#", 1).getGrantedQos()).containsExactly(1);
        first.disconnect();
        first.close();
        hub.sendToDevice(id, bytes("while away"), Map.of(), Map.of(), Optional.empty());

        Arrivals resumed = new Arrivals();
        MqttClient second = devices.connectKeepingSession(id, key, Optional.of(resumed));
        try {
            assertThat(resumed.next(WAIT)).map(Arrivals.Arrival::body).contains("while away");
            awaitSettled(id, 1);
        } finally {
            HubDevices.close(second);
        }

        Arrivals clean = new Arrivals();
        MqttClient cleanSession = devices.connect(id, key, Optional.of(clean));
        hub.sendToDevice(id, bytes("after a clean session"), Map.of(), Map.of(), Optional.empty());
        try {
            assertThat(clean.next(Duration.ofSeconds(1))).isEmpty();
        } finally {
            HubDevices.close(cleanSession);
        }
        Arrivals discarded = new Arrivals();
        MqttClient third = devices.connectKeepingSession(id, key, Optional.of(discarded));
        try {
            assertThat(discarded.next(Duration.ofSeconds(1))).isEmpty();
            assertThat(hub.deviceBound(id)).singleElement().extracting(QueuedMessage::deliveryCount).isEqualTo(0);
        } finally {
            HubDevices.close(third);
        }
    }

    @Test
    void atQosZeroAMessageIsCompletedAsItIsSent() throws Exception {
        String id = "c2d-mqtt-qos0";
        Arrivals arrivals = new Arrivals();
        MqttClient device = subscribed(id, arrivals, "devices/" + id + "/messages/devicebound/#", 0);
        try {
            hub.sendToDevice(id, bytes("fire and forget"), Map.of(), Map.of(), Optional.empty());

            assertThat(arrivals.next(WAIT)).hasValueSatisfying(arrival -> assertThat(arrival.message().getQos()).isZero());
            awaitSettled(id, 1);
            assertThat(hub.deviceBound(id)).isEmpty();
        } finally {
            HubDevices.close(device);
        }
    }

    @Test
    void atQosZeroABacklogOfThousandsOfMessagesArrivesWhole() throws Exception {
        String id = "c2d-mqtt-qos0-backlog";
        String key = devices.provisionSymmetricKey(id);
        for (int i = 0; i < QUEUE_DEPTH; i++) {
            hub.sendToDevice(id, bytes("m" + i), Map.of(), Map.of(), Optional.empty());
        }
        Arrivals arrivals = new Arrivals();
        MqttClient device = subscribed(id, key, arrivals, "devices/" + id + "/messages/devicebound/#", 0);
        try {
            for (int i = 0; i < QUEUE_DEPTH; i++) {
                assertThat(arrivals.next(WAIT)).as("message %d", i).map(Arrivals.Arrival::body).contains("m" + i);
            }
            awaitSettled(id, QUEUE_DEPTH);
            assertThat(hub.deviceBound(id)).isEmpty();
        } finally {
            HubDevices.close(device);
        }
    }

    private static MqttClient subscribed(String id, Arrivals arrivals, String filter, int qos) throws Exception {
        return subscribed(id, devices.provisionSymmetricKey(id), arrivals, filter, qos);
    }

    /** Connected with acknowledgements by hand (no PUBACK until the test sends it) and subscribed to {@code filter}. */
    private static MqttClient subscribed(String id, String key, Arrivals arrivals, String filter, int qos) throws Exception {
        MqttClient device = devices.connect(id, key, Optional.of(arrivals));
        device.setManualAcks(true);
        assertThat(device.subscribeWithResponse(filter, qos).getGrantedQos()).containsExactly(qos);
        return device;
    }

    private static List<Settlement> settlements(String deviceId) {
        return hub.settlements().stream().filter(settlement -> settlement.message().deviceId().equals(deviceId)).toList();
    }

    private static void awaitSettled(String deviceId, int count) throws InterruptedException {
        for (long end = System.nanoTime() + WAIT.toNanos(); settlements(deviceId).size() < count && System.nanoTime() < end; ) {
            Thread.sleep(20);
        }
        assertThat(settlements(deviceId)).hasSize(count);
    }

    private static void awaitUnlocked(String deviceId) throws InterruptedException {
        for (long end = System.nanoTime() + WAIT.toNanos(); locked(deviceId) && System.nanoTime() < end; ) {
            Thread.sleep(20);
        }
        assertThat(locked(deviceId)).as("still locked").isFalse();
    }

    private static boolean locked(String deviceId) {
        return hub.deviceBound(deviceId).stream().anyMatch(queued -> queued.lockedUntil().isPresent());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
