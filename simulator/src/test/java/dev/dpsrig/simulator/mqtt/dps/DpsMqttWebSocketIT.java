package dev.dpsrig.simulator.mqtt.dps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dpsrig.certs.HeldCertificate;
import dev.dpsrig.simulator.http.ConnectionLimits;
import dev.dpsrig.simulator.mqtt.WebSocketUpgrade;
import dev.dpsrig.simulator.server.LocalSimulator;
import dev.dpsrig.simulator.server.SimulatorConfig;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The DPS device API over MQTT over WebSockets on the DPS's HTTPS listener, driven with Eclipse Paho at the
 * {@code wss://} endpoint dev-settings.json names: register and poll with a SAS token or a client certificate, the
 * CONNACK refusals, an upgrade without subprotocol {@code mqtt} refused 400, the path Paho takes when given none, and the keep-alive taking over from the connection deadlines.
 */
class DpsMqttWebSocketIT {
    private static LocalSimulator simulator;
    private static String scope;
    private static String endpoint;

    @BeforeAll
    static void start() {
        simulator = LocalSimulator.start(SimulatorConfig.forTests());
        scope = simulator.idScope();
        endpoint = simulator.dpsMqttWebSocketEndpoint();
    }

    @AfterAll
    static void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void devSettingsNamesTheWebSocketEndpointOnTheDpsHttpsListener() {
        assertThat(simulator.devSettings().getString("dpsMqttWebSocketEndpoint"))
                .isEqualTo(endpoint)
                .isEqualTo("wss://" + simulator.globalEndpoint() + "/$iothub/websocket");
    }

    @Test
    void aSymmetricKeyDeviceRegistersAndPollsUntilAssigned() throws Exception {
        String id = "wss-sas-device";
        try (PahoDevice device = PahoDevice.connect(simulator, endpoint, id, PahoDevice.username(scope, id),
                Optional.of(PahoDevice.sas(scope + "/registrations/" + id, PahoDevice.enrollSymmetricKey(simulator, id))),
                Optional.empty())) {
            device.subscribeToAnswers();

            PahoDevice.Answer accepted = device.request("$dps/registrations/PUT/iotdps-register/?$rid=1", "{\"registrationId\":\"" + id + "\"}");
            assertThat(accepted.topic()).startsWith("$dps/registrations/res/202/?$rid=1&retry-after=");
            JsonObject done = device.registerAndPoll("").json();

            assertThat(done.getString("status")).isEqualTo("assigned");
            assertThat(done.getJsonObject("registrationState").getString("assignedHub")).isEqualTo(simulator.hubs().getFirst().hostName());
        }
    }

    @Test
    void anX509DeviceIsKnownByTheCertificateOfItsTlsSession() throws Exception {
        String id = "wss-x509-device";
        HeldCertificate certificate = HeldCertificate.builder().commonName(id).clientAuth().build();
        simulator.service().putEnrollment(id, Json.createObjectBuilder().add("attestation", Json.createObjectBuilder()
                .add("type", "x509").add("x509", Json.createObjectBuilder().add("clientCertificates", Json.createObjectBuilder()
                        .add("primary", Json.createObjectBuilder().add("certificate", certificate.certificatePem())))))
                .build(), Optional.empty());

        try (PahoDevice device = PahoDevice.connect(simulator, endpoint, id, PahoDevice.username(scope, id), Optional.empty(),
                Optional.of(certificate))) {
            device.subscribeToAnswers();
            JsonObject done = device.registerAndPoll("").json();

            assertThat(done.getString("status")).isEqualTo("assigned");
            assertThat(done.getJsonObject("registrationState").getString("deviceId")).isEqualTo(id);
        }
    }

    @Test
    void aWrongKeyIsAnswered401AndNoCredentialsAreRefusedWithConnackFive() throws Exception {
        String id = "wss-wrong-key";
        PahoDevice.enrollSymmetricKey(simulator, id);
        String otherKey = PahoDevice.enrollSymmetricKey(simulator, "wss-other-device");
        try (PahoDevice device = PahoDevice.connect(simulator, endpoint, id, PahoDevice.username(scope, id),
                Optional.of(PahoDevice.sas(scope + "/registrations/" + id, otherKey)), Optional.empty())) {
            device.subscribeToAnswers();
            assertThat(device.request("$dps/registrations/PUT/iotdps-register/?$rid=1", "").topic())
                    .isEqualTo("$dps/registrations/res/401/?$rid=1");
        }

        assertThatThrownBy(() -> PahoDevice.connect(simulator, endpoint, id, PahoDevice.username(scope, id), Optional.empty(),
                Optional.empty()).close())
                .isInstanceOfSatisfying(MqttException.class,
                        e -> assertThat(e.getReasonCode()).isEqualTo(MqttException.REASON_CODE_NOT_AUTHORIZED));
    }

    @Test
    void anUpgradeWithoutSubprotocolMqttIsRefused400InTheDpsFormatAtEachPath() throws Exception {
        for (String path : List.of("/$iothub/websocket", "/mqtt")) {
            for (Optional<String> offered : List.of(Optional.<String>empty(), Optional.of("AMQPWSB10"))) {
                WebSocketUpgrade.Answer answer = WebSocketUpgrade.request(simulator, simulator.dpsPort(), path, offered);

                assertThat(answer.status()).as(path + " " + offered).isEqualTo(400);
                assertThat(answer.body()).as(path + " " + offered).contains("subprotocol 'mqtt'", path, "\"errorCode\"");
                assertThat(answer.closed()).as("closed after the refusal").isTrue();
            }
        }
    }

    /** The Azure IoT Java provisioning client gives Paho {@code wss://host:443}, and Paho then asks for {@code /mqtt}. */
    @Test
    void aClientGivenNoPathIsServedWherePahoAsks() throws Exception {
        String id = "wss-no-path";
        try (PahoDevice device = PahoDevice.connect(simulator, "wss://" + simulator.globalEndpoint(), id, PahoDevice.username(scope, id),
                Optional.of(PahoDevice.sas(scope + "/registrations/" + id, PahoDevice.enrollSymmetricKey(simulator, id))),
                Optional.empty())) {
            device.subscribeToAnswers();
            assertThat(device.registerAndPoll("").json().getString("status")).isEqualTo("assigned");
        }
    }

    @Test
    void onceConnectedTheKeepAliveAndNotTheRequestDeadlinesHoldTheWebSocket() throws Exception {
        try (LocalSimulator quick = LocalSimulator.start(SimulatorConfig.builder().assignmentDelay(Duration.ZERO)
                .connectionLimits(ConnectionLimits.DEFAULTS.withHeadTimeout(Duration.ofMillis(500))).build())) {
            String id = "wss-past-the-deadline";
            String key = PahoDevice.enrollSymmetricKey(quick, id);
            try (PahoDevice device = PahoDevice.connect(quick, quick.dpsMqttWebSocketEndpoint(), id,
                    PahoDevice.username(quick.idScope(), id), Optional.of(PahoDevice.sas(quick.idScope() + "/registrations/" + id, key)),
                    Optional.empty())) {
                device.subscribeToAnswers();
                Thread.sleep(1500);

                assertThat(device.isConnected()).isTrue();
                assertThat(device.registerAndPoll("").json().getString("status")).isEqualTo("assigned");
            }
        }
    }
}
