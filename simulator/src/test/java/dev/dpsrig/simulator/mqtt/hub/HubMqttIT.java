package dev.dpsrig.simulator.mqtt.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.dpsrig.certs.HeldCertificate;
import dev.dpsrig.protocol.MessageProperty;
import dev.dpsrig.simulator.hub.DeviceMessage;
import dev.dpsrig.simulator.hub.SimulatedHub;
import dev.dpsrig.simulator.server.LocalSimulator;
import dev.dpsrig.simulator.server.SimulatorConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A simulated hub's device API over MQTT 3.1.1 over TLS, driven with a plain MQTT client (Eclipse Paho) against the
 * running simulator: devices provisioned by DPS send telemetry with a SAS token or their certificate and it lands in
 * the hub's messages with its properties; the CONNACK refusals; the topic filters granted; a foreign topic and a
 * second connection of the same device ending a connection.
 */
class HubMqttIT {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private static LocalSimulator simulator;
    private static SimulatedHub hub;
    private static String hubHost;
    private static HubDevices devices;

    @BeforeAll
    static void start() {
        simulator = LocalSimulator.start(SimulatorConfig.forTests());
        hub = simulator.iotHub(SimulatorConfig.DEFAULT_HUB);
        hubHost = hub.hub().hostName();
        devices = new HubDevices(simulator);
    }

    @AfterAll
    static void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void telemetryWithASasTokenLandsInTheHubWithTheSystemAndApplicationPropertiesOfItsTopic() throws Exception {
        String id = "hub-mqtt-sas";
        String key = devices.provisionSymmetricKey(id);
        MqttClient device = devices.connect(id, key, Optional.empty());
        try {
            device.publish("devices/" + id + "/messages/events/$.mid=m-1&$.cid=c-1&$.ct=application%2Fjson&$.ce=utf-8"
                    + "&temperature%20unit=%C2%B0C&alert", "{\"t\":21}".getBytes(StandardCharsets.UTF_8), 1, false);
            device.publish("devices/" + id + "/messages/events/", "second".getBytes(StandardCharsets.UTF_8), 0, false);

            List<DeviceMessage> messages = hub.awaitMessages(id, 2, WAIT);
            DeviceMessage first = messages.getFirst();
            assertThat(new String(first.body(), StandardCharsets.UTF_8)).isEqualTo("{\"t\":21}");
            assertThat(first.systemProperties()).containsOnly(entry(MessageProperty.MESSAGE_ID, "m-1"),
                    entry(MessageProperty.CORRELATION_ID, "c-1"), entry(MessageProperty.CONTENT_TYPE, "application/json"),
                    entry(MessageProperty.CONTENT_ENCODING, "utf-8"));
            assertThat(first.properties()).containsExactly(entry("temperature unit", "°C"), entry("alert", ""));
            assertThat(first.authMethod()).isEqualTo("sas");
            assertThat(new String(messages.get(1).body(), StandardCharsets.UTF_8)).isEqualTo("second");
            assertThat(messages.get(1).properties()).isEmpty();
        } finally {
            HubDevices.close(device);
        }
    }

    @Test
    void anX509DeviceSendsWithItsCertificateAndNoPassword() throws Exception {
        String id = "hub-mqtt-x509";
        HeldCertificate certificate = HeldCertificate.builder().commonName(id).clientAuth().build();
        devices.provisionX509(id, certificate);

        MqttClient device = devices.connect(id, devices.username(id), Optional.empty(), Optional.of(certificate), Optional.empty());
        try {
            device.publish("devices/" + id + "/messages/events/", "x509".getBytes(StandardCharsets.UTF_8), 1, false);
            assertThat(hub.awaitMessages(id, 1, WAIT).getFirst().authMethod()).isEqualTo("selfSigned");
        } finally {
            HubDevices.close(device);
        }
    }

    @Test
    void theConnackRefusesAWrongKeyAnUnknownDeviceAndAClientIdThatIsNotTheDevice() throws Exception {
        String id = "hub-mqtt-refused";
        devices.provisionSymmetricKey(id);
        String otherKey = devices.provisionSymmetricKey("hub-mqtt-other");

        assertRefused(id, devices.username(id), Optional.of(devices.hubToken(id, otherKey)), MqttException.REASON_CODE_NOT_AUTHORIZED);
        assertRefused("hub-mqtt-nobody", devices.username("hub-mqtt-nobody"), Optional.of(devices.hubToken("hub-mqtt-nobody", otherKey)),
                MqttException.REASON_CODE_NOT_AUTHORIZED);
        assertRefused(id, devices.username(id), Optional.empty(), MqttException.REASON_CODE_NOT_AUTHORIZED);
        assertRefused("hub-mqtt-other", devices.username(id), Optional.of(devices.hubToken(id, otherKey)), MqttException.REASON_CODE_INVALID_CLIENT_ID);
        assertRefused(id + "/module", hubHost + "/" + id + "/module/" + HubDevices.API_VERSION, Optional.of(devices.hubToken(id, otherKey)),
                MqttException.REASON_CODE_INVALID_CLIENT_ID);
        assertRefused(id, id + "/" + HubDevices.API_VERSION, Optional.of(devices.hubToken(id, otherKey)), MqttException.REASON_CODE_FAILED_AUTHENTICATION);
        assertRefused(id, devices.username(id), Optional.of("not a token"), MqttException.REASON_CODE_FAILED_AUTHENTICATION);
    }

    @Test
    void theCloudToDeviceTwinAndMethodFiltersAreGrantedAndAnotherDevicesAreRefused() throws Exception {
        String id = "hub-mqtt-subscriber";
        String key = devices.provisionSymmetricKey(id);
        MqttClient device = devices.connect(id, key, Optional.empty());
        try {
            int[] granted = device.subscribeWithResponse(new String[] {"devices/" + id + "/messages/devicebound/#",
                    "devices/+/messages/devicebound/#", "$iothub/twin/res/#", "$iothub/twin/PATCH/properties/desired/#",
                    "$iothub/methods/POST/#", "devices/someone-else/messages/devicebound/#"}, new int[] {1, 2, 0, 0, 0, 1})
                    .getGrantedQos();
            assertThat(granted).containsExactly(1, 1, 0, 0, 0, 128);
        } finally {
            HubDevices.close(device);
        }
    }

    @Test
    void aPublishToAnotherDevicesTopicClosesTheConnection() throws Exception {
        String id = "hub-mqtt-trespasser";
        String key = devices.provisionSymmetricKey(id);
        MqttClient device = devices.connect(id, key, Optional.empty());
        try {
            try {
                device.publish("devices/someone-else/messages/events/", new byte[0], 0, false);
            } catch (MqttException closedUnderIt) {
                // The server closes the connection for this PUBLISH: Paho may report that here rather than later.
            }
            HubDevices.awaitDisconnected(device);
            assertThat(hub.messages(id)).isEmpty();
        } finally {
            HubDevices.close(device);
        }
    }

    @Test
    void aSecondConnectionOfTheSameDeviceDropsTheFirst() throws Exception {
        String id = "hub-mqtt-twice";
        String key = devices.provisionSymmetricKey(id);
        MqttClient first = devices.connect(id, key, Optional.empty());
        MqttClient second = devices.connect(id, key, Optional.empty());
        try {
            HubDevices.awaitDisconnected(first);
            second.publish("devices/" + id + "/messages/events/", "still here".getBytes(StandardCharsets.UTF_8), 1, false);
            assertThat(hub.awaitMessages(id, 1, WAIT)).hasSize(1);
            assertThat(second.isConnected()).isTrue();
        } finally {
            HubDevices.close(first);
            HubDevices.close(second);
        }
    }

    @Test
    void devSettingsNamesTheHubsMqttEndpoint() {
        assertThat(simulator.devSettings().getJsonArray("hubs").getJsonObject(0).getString("mqttEndpoint"))
                .isEqualTo(simulator.hubMqttEndpoint(SimulatorConfig.DEFAULT_HUB));
    }

    private static void assertRefused(String clientId, String username, Optional<String> password, int reasonCode) {
        assertThatThrownBy(() -> devices.connect(clientId, username, password, Optional.empty(), Optional.empty()))
                .as(clientId + " " + username)
                .isInstanceOfSatisfying(MqttException.class, e -> assertThat(e.getReasonCode()).isEqualTo(reasonCode));
    }
}
