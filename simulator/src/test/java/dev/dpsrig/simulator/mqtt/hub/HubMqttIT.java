package dev.dpsrig.simulator.mqtt.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.dpsrig.certs.HeldCertificate;
import dev.dpsrig.protocol.MessageProperty;
import dev.dpsrig.protocol.RegistrationStatus;
import dev.dpsrig.protocol.SasToken;
import dev.dpsrig.simulator.dps.Attestation;
import dev.dpsrig.simulator.dps.DeviceCredentials;
import dev.dpsrig.simulator.dps.OperationStatus;
import dev.dpsrig.simulator.hub.DeviceMessage;
import dev.dpsrig.simulator.hub.SimulatedHub;
import dev.dpsrig.simulator.mqtt.PahoConnections;
import dev.dpsrig.simulator.server.LocalSimulator;
import dev.dpsrig.simulator.server.SimulatorConfig;
import jakarta.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
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
    private static final String API_VERSION = "?api-version=2021-04-12&DeviceClientType=paho";

    private static LocalSimulator simulator;
    private static SimulatedHub hub;
    private static String hubHost;

    @BeforeAll
    static void start() {
        simulator = LocalSimulator.start(SimulatorConfig.forTests());
        hub = simulator.iotHub(SimulatorConfig.DEFAULT_HUB);
        hubHost = hub.hub().hostName();
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
        String key = provisionSymmetricKey(id);
        MqttClient device = connect(id, username(id), Optional.of(hubToken(id, key)), Optional.empty());
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
            close(device);
        }
    }

    @Test
    void anX509DeviceSendsWithItsCertificateAndNoPassword() throws Exception {
        String id = "hub-mqtt-x509";
        HeldCertificate certificate = HeldCertificate.builder().commonName(id).clientAuth().build();
        simulator.service().putEnrollment(id, Json.createObjectBuilder().add("attestation", Json.createObjectBuilder()
                .add("type", "x509").add("x509", Json.createObjectBuilder().add("clientCertificates", Json.createObjectBuilder()
                        .add("primary", Json.createObjectBuilder().add("certificate", certificate.certificatePem())))))
                .build(), Optional.empty());
        assigned(id, new DeviceCredentials.ClientCertificate(List.of(certificate.certificate())));

        MqttClient device = connect(id, username(id), Optional.empty(), Optional.of(certificate));
        try {
            device.publish("devices/" + id + "/messages/events/", "x509".getBytes(StandardCharsets.UTF_8), 1, false);
            assertThat(hub.awaitMessages(id, 1, WAIT).getFirst().authMethod()).isEqualTo("selfSigned");
        } finally {
            close(device);
        }
    }

    @Test
    void theConnackRefusesAWrongKeyAnUnknownDeviceAndAClientIdThatIsNotTheDevice() throws Exception {
        String id = "hub-mqtt-refused";
        provisionSymmetricKey(id);
        String otherKey = provisionSymmetricKey("hub-mqtt-other");

        assertRefused(id, username(id), Optional.of(hubToken(id, otherKey)), MqttException.REASON_CODE_NOT_AUTHORIZED);
        assertRefused("hub-mqtt-nobody", username("hub-mqtt-nobody"), Optional.of(hubToken("hub-mqtt-nobody", otherKey)),
                MqttException.REASON_CODE_NOT_AUTHORIZED);
        assertRefused(id, username(id), Optional.empty(), MqttException.REASON_CODE_NOT_AUTHORIZED);
        assertRefused("hub-mqtt-other", username(id), Optional.of(hubToken(id, otherKey)), MqttException.REASON_CODE_INVALID_CLIENT_ID);
        assertRefused(id + "/module", hubHost + "/" + id + "/module/" + API_VERSION, Optional.of(hubToken(id, otherKey)),
                MqttException.REASON_CODE_INVALID_CLIENT_ID);
        assertRefused(id, id + "/" + API_VERSION, Optional.of(hubToken(id, otherKey)), MqttException.REASON_CODE_FAILED_AUTHENTICATION);
        assertRefused(id, username(id), Optional.of("not a token"), MqttException.REASON_CODE_FAILED_AUTHENTICATION);
    }

    @Test
    void theCloudToDeviceTwinAndMethodFiltersAreGrantedAndAnotherDevicesAreRefused() throws Exception {
        String id = "hub-mqtt-subscriber";
        String key = provisionSymmetricKey(id);
        MqttClient device = connect(id, username(id), Optional.of(hubToken(id, key)), Optional.empty());
        try {
            int[] granted = device.subscribeWithResponse(new String[] {"devices/" + id + "/messages/devicebound/#",
                    "devices/+/messages/devicebound/#", "$iothub/twin/res/#", "$iothub/twin/PATCH/properties/desired/#",
                    "$iothub/methods/POST/#", "devices/someone-else/messages/devicebound/#"}, new int[] {1, 2, 0, 0, 0, 1})
                    .getGrantedQos();
            assertThat(granted).containsExactly(1, 1, 0, 0, 0, 128);
        } finally {
            close(device);
        }
    }

    @Test
    void aPublishToAnotherDevicesTopicClosesTheConnection() throws Exception {
        String id = "hub-mqtt-trespasser";
        String key = provisionSymmetricKey(id);
        MqttClient device = connect(id, username(id), Optional.of(hubToken(id, key)), Optional.empty());
        try {
            device.publish("devices/someone-else/messages/events/", new byte[0], 0, false);
            awaitDisconnected(device);
            assertThat(hub.messages(id)).isEmpty();
        } finally {
            close(device);
        }
    }

    @Test
    void aSecondConnectionOfTheSameDeviceDropsTheFirst() throws Exception {
        String id = "hub-mqtt-twice";
        String key = provisionSymmetricKey(id);
        MqttClient first = connect(id, username(id), Optional.of(hubToken(id, key)), Optional.empty());
        MqttClient second = connect(id, username(id), Optional.of(hubToken(id, key)), Optional.empty());
        try {
            awaitDisconnected(first);
            second.publish("devices/" + id + "/messages/events/", "still here".getBytes(StandardCharsets.UTF_8), 1, false);
            assertThat(hub.awaitMessages(id, 1, WAIT)).hasSize(1);
            assertThat(second.isConnected()).isTrue();
        } finally {
            close(first);
            close(second);
        }
    }

    @Test
    void devSettingsNamesTheHubsMqttEndpoint() {
        assertThat(simulator.devSettings().getJsonArray("hubs").getJsonObject(0).getString("mqttEndpoint"))
                .isEqualTo(simulator.hubMqttEndpoint(SimulatorConfig.DEFAULT_HUB));
    }

    private static String username(String deviceId) {
        return hubHost + "/" + deviceId + "/" + API_VERSION;
    }

    private static String hubToken(String deviceId, String key) {
        return SasToken.sign(hubHost + "/devices/" + deviceId, key, Instant.now().plus(Duration.ofHours(1)), Optional.empty())
                .toAuthorizationHeader();
    }

    /** An individual symmetric-key enrollment, registered and assigned to the hub; its key. */
    private static String provisionSymmetricKey(String registrationId) throws InterruptedException {
        Attestation attestation = simulator.service().putEnrollment(registrationId, Json.createObjectBuilder()
                .add("attestation", Json.createObjectBuilder().add("type", "symmetricKey")).build(), Optional.empty()).attestation();
        String key = ((Attestation.SymmetricKey) attestation).primaryKey();
        assigned(registrationId, new DeviceCredentials.Sas(SasToken.sign(simulator.idScope() + "/registrations/" + registrationId,
                key, Instant.now().plus(Duration.ofHours(1)), Optional.of("registration"))));
        return key;
    }

    private static void assigned(String registrationId, DeviceCredentials credentials) throws InterruptedException {
        OperationStatus operation = simulator.service().register(simulator.idScope(), registrationId, credentials, Optional.empty());
        for (int i = 0; !operation.status().isTerminal() && i < 100; i++) {
            Thread.sleep(50);
            operation = simulator.service().lookupOperation(simulator.idScope(), registrationId, operation.operationId(), credentials);
        }
        assertThat(operation.status()).isEqualTo(RegistrationStatus.ASSIGNED);
    }

    private static MqttClient connect(String clientId, String username, Optional<String> password,
                                      Optional<HeldCertificate> certificate) throws MqttException {
        String endpoint = simulator.hubMqttEndpoint(SimulatorConfig.DEFAULT_HUB);
        return PahoConnections.connect(simulator, Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1)), clientId,
                username, password, certificate, Optional.empty());
    }

    private static void assertRefused(String clientId, String username, Optional<String> password, int reasonCode) {
        assertThatThrownBy(() -> connect(clientId, username, password, Optional.empty()))
                .as(clientId + " " + username)
                .isInstanceOfSatisfying(MqttException.class, e -> assertThat(e.getReasonCode()).isEqualTo(reasonCode));
    }

    private static void awaitDisconnected(MqttClient client) throws InterruptedException {
        for (int i = 0; client.isConnected() && i < 100; i++) {
            Thread.sleep(50);
        }
        assertThat(client.isConnected()).as("connected").isFalse();
    }

    private static void close(MqttClient client) throws MqttException {
        if (client.isConnected()) {
            client.disconnectForcibly(1000, 1000);
        }
        client.close(true);
    }
}
