package dev.dpsrig.simulator.mqtt.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dpsrig.certs.HeldCertificate;
import dev.dpsrig.simulator.hub.SimulatedHub;
import dev.dpsrig.simulator.mqtt.PahoConnections;
import dev.dpsrig.simulator.mqtt.WebSocketUpgrade;
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
 * A simulated hub's device API over MQTT over WebSockets on the hub's HTTPS listener, driven with Eclipse Paho at the
 * {@code wss://} endpoint dev-settings.json names: telemetry with a SAS token or the TLS session's certificate, a bad
 * token refused with CONNACK 5, one connection per device across the hub's MQTT listeners; and the WebSocket upgrades
 * refused, in each port's error format, at another path or without subprotocol {@code mqtt}.
 */
class HubMqttWebSocketIT {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private static LocalSimulator simulator;
    private static SimulatedHub hub;
    private static HubDevices devices;
    private static String endpoint;

    @BeforeAll
    static void start() {
        simulator = LocalSimulator.start(SimulatorConfig.forTests());
        hub = simulator.iotHub(SimulatorConfig.DEFAULT_HUB);
        devices = new HubDevices(simulator);
        endpoint = simulator.hubMqttWebSocketEndpoint(SimulatorConfig.DEFAULT_HUB);
    }

    @AfterAll
    static void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void devSettingsNamesTheWebSocketEndpointOnTheHubsHttpsListener() {
        assertThat(simulator.devSettings().getJsonArray("hubs").getJsonObject(0).getString("mqttWebSocketEndpoint"))
                .isEqualTo(endpoint)
                .isEqualTo("wss://" + hub.hub().hostName() + "/$iothub/websocket");
    }

    @Test
    void telemetryWithASasTokenLandsInTheHub() throws Exception {
        String id = "hub-wss-sas";
        String key = devices.provisionSymmetricKey(id);
        MqttClient device = connect(endpoint, id, Optional.of(devices.hubToken(id, key)), Optional.empty());
        try {
            device.publish("devices/" + id + "/messages/events/$.mid=m-1&unit=C", "{\"t\":21}".getBytes(StandardCharsets.UTF_8), 1, false);
            device.publish("devices/" + id + "/messages/events/", new byte[70_000], 1, false);

            assertThat(hub.awaitMessages(id, 2, WAIT)).satisfiesExactly(
                    first -> {
                        assertThat(new String(first.body(), StandardCharsets.UTF_8)).isEqualTo("{\"t\":21}");
                        assertThat(first.properties()).containsEntry("unit", "C");
                        assertThat(first.authMethod()).isEqualTo("sas");
                    },
                    second -> assertThat(second.body()).as("a packet over many frames").hasSize(70_000));
        } finally {
            HubDevices.close(device);
        }
    }

    @Test
    void anX509DeviceSendsWithTheCertificateOfItsTlsSession() throws Exception {
        String id = "hub-wss-x509";
        HeldCertificate certificate = HeldCertificate.builder().commonName(id).clientAuth().build();
        devices.provisionX509(id, certificate);

        MqttClient device = connect(endpoint, id, Optional.empty(), Optional.of(certificate));
        try {
            device.publish("devices/" + id + "/messages/events/", "x509".getBytes(StandardCharsets.UTF_8), 1, false);
            assertThat(hub.awaitMessages(id, 1, WAIT).getFirst().authMethod()).isEqualTo("selfSigned");
        } finally {
            HubDevices.close(device);
        }
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefusedWithConnackFive() throws Exception {
        String id = "hub-wss-refused";
        devices.provisionSymmetricKey(id);
        String otherKey = devices.provisionSymmetricKey("hub-wss-other");

        assertThatThrownBy(() -> connect(endpoint, id, Optional.of(devices.hubToken(id, otherKey)), Optional.empty()))
                .isInstanceOfSatisfying(MqttException.class,
                        e -> assertThat(e.getReasonCode()).isEqualTo(MqttException.REASON_CODE_NOT_AUTHORIZED));
    }

    @Test
    void aDeviceConnectingOverWebSocketsDropsItsConnectionOnTheMqttPort() throws Exception {
        String id = "hub-wss-twice";
        String key = devices.provisionSymmetricKey(id);
        String mqtt = simulator.hubMqttEndpoint(SimulatorConfig.DEFAULT_HUB);
        MqttClient overTls = connect("ssl://127.0.0.1:" + mqtt.substring(mqtt.lastIndexOf(':') + 1), id,
                Optional.of(devices.hubToken(id, key)), Optional.empty());
        MqttClient overWebSockets = connect(endpoint, id, Optional.of(devices.hubToken(id, key)), Optional.empty());
        try {
            HubDevices.awaitDisconnected(overTls);
            assertThat(overWebSockets.isConnected()).isTrue();
        } finally {
            HubDevices.close(overTls);
            HubDevices.close(overWebSockets);
        }
    }

    @Test
    void anUpgradeWithoutSubprotocolMqttIsRefused400InTheHubsFormat() throws Exception {
        for (Optional<String> offered : List.of(Optional.<String>empty(), Optional.of("AMQPWSB10"))) {
            WebSocketUpgrade.Answer answer = WebSocketUpgrade.request(simulator, hubPort(), "/$iothub/websocket", offered);

            assertThat(answer.status()).as(offered.toString()).isEqualTo(400);
            assertThat(answer.body()).contains("subprotocol 'mqtt'", "\"Message\"", "400004");
            assertThat(answer.closed()).as("closed after the refusal").isTrue();
        }
    }

    @Test
    void anUpgradeAtAnotherPathIsRefused404NamingThePathServed() throws Exception {
        WebSocketUpgrade.Answer hubAnswer = WebSocketUpgrade.request(simulator, hubPort(), "/mqtt", Optional.of("mqtt"));
        assertThat(hubAnswer.status()).isEqualTo(404);
        assertThat(hubAnswer.body()).contains("'/mqtt'", "/$iothub/websocket");
        assertThat(hubAnswer.closed()).as("closed after the refusal").isTrue();

        WebSocketUpgrade.Answer dpsAnswer = WebSocketUpgrade.request(simulator, simulator.dpsPort(), "/devices/ws", Optional.of("mqtt"));
        assertThat(dpsAnswer.status()).isEqualTo(404);
        assertThat(dpsAnswer.body()).contains("'/devices/ws'", "/$iothub/websocket", "\"errorCode\"");
    }

    @Test
    void aWellFormedUpgradeSwitchesProtocolsToMqtt() throws Exception {
        WebSocketUpgrade.Answer answer = WebSocketUpgrade.request(simulator, hubPort(), "/$iothub/websocket?iothub-no-client-cert=true",
                Optional.of("mqtt"));

        assertThat(answer.status()).isEqualTo(101);
        assertThat(answer.head()).containsIgnoringCase("Sec-WebSocket-Protocol: mqtt");
    }

    private static int hubPort() {
        String host = hub.hub().hostName();
        return Integer.parseInt(host.substring(host.lastIndexOf(':') + 1));
    }

    private static MqttClient connect(String serverUri, String clientId, Optional<String> password,
                                      Optional<HeldCertificate> certificate) throws MqttException {
        return PahoConnections.connect(simulator, serverUri, clientId, devices.username(clientId), password, certificate, Optional.empty());
    }
}
