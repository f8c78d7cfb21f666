package dev.dpsrig.simulator.mqtt.dps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dpsrig.certs.HeldCertificate;
import dev.dpsrig.certs.TlsContexts;
import dev.dpsrig.simulator.dps.Attestation;
import dev.dpsrig.simulator.http.ConnectionLimits;
import dev.dpsrig.simulator.server.LocalSimulator;
import dev.dpsrig.simulator.server.SimulatorConfig;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLSocket;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The DPS device API over MQTT 3.1.1 over TLS, driven topic by topic with a plain MQTT client against the running
 * simulator: register and poll with a SAS token or a client certificate, the CONNACK refusals, a wrong key answered
 * 401 on the response topic as over HTTPS, the topic filters served, and an unknown topic closing the connection.
 */
class DpsMqttIT {
    private static LocalSimulator simulator;
    private static String scope;

    @BeforeAll
    static void start() {
        simulator = LocalSimulator.start(SimulatorConfig.forTests());
        scope = simulator.idScope();
    }

    @AfterAll
    static void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void aSymmetricKeyDeviceRegistersAndPollsUntilAssignedWithTheBodiesOfHttps() throws Exception {
        String id = "mqtt-sas-device";
        String key = enrollSymmetricKey(id);
        try (PahoDevice device = PahoDevice.connect(simulator, id, PahoDevice.username(scope, id),
                Optional.of(sas(scope + "/registrations/" + id, key)), Optional.empty())) {
            device.subscribeToAnswers();

            PahoDevice.Answer accepted = device.request("$dps/registrations/PUT/iotdps-register/?$rid=7",
                    "{\"registrationId\":\"" + id + "\"}");
            assertThat(accepted.topic()).matches("\\$dps/registrations/res/202/\\?\\$rid=7&retry-after=\\d+");
            assertThat(accepted.json().getString("operationId")).isNotBlank();

            PahoDevice.Answer done = device.request("$dps/registrations/GET/iotdps-get-operationstatus/?$rid=8&operationId="
                    + accepted.json().getString("operationId"), "");
            for (int i = 0; done.status() == 202 && i < 50; i++) {
                Thread.sleep(50);
                done = device.request("$dps/registrations/GET/iotdps-get-operationstatus/?$rid=8&operationId="
                        + accepted.json().getString("operationId"), "");
            }
            assertThat(done.topic()).isEqualTo("$dps/registrations/res/200/?$rid=8");
            assertThat(done.json().getString("status")).isEqualTo("assigned");
            assertThat(done.json().getJsonObject("registrationState").getString("assignedHub"))
                    .isEqualTo(simulator.hubs().getFirst().hostName());
            assertThat(done.json().getJsonObject("registrationState").getString("deviceId")).isEqualTo(id);
        }
    }

    @Test
    void theSasResourceIsTakenRawOrEncodedInEitherCaseAndTheBodyMayBeEmptyOrLackTheRegistrationId() throws Exception {
        String id = "mqtt-sas-forms";
        String key = enrollSymmetricKey(id);
        for (String resource : new String[] {scope + "/registrations/" + id, scope + "%2fregistrations%2f" + id,
                scope + "%2Fregistrations%2F" + id}) {
            for (String body : new String[] {"", "{\"payload\":{\"model\":\"t1\"}}"}) {
                try (PahoDevice device = PahoDevice.connect(simulator, id, PahoDevice.username(scope, id),
                        Optional.of(sas(resource, key)), Optional.empty())) {
                    device.subscribeToAnswers();
                    assertThat(device.registerAndPoll(body).json().getString("status")).as(resource + " " + body).isEqualTo("assigned");
                }
            }
        }
    }

    @Test
    void aRequestIdWithoutTheDollarIsAnsweredAndABodyNamingAnotherDeviceIs400() throws Exception {
        String id = "mqtt-rid-quirk";
        String key = enrollSymmetricKey(id);
        try (PahoDevice device = PahoDevice.connect(simulator, id, PahoDevice.username(scope, id),
                Optional.of(sas(scope + "/registrations/" + id, key)), Optional.empty())) {
            device.subscribeToAnswers();

            assertThat(device.request("$dps/registrations/PUT/iotdps-register/?rid=1", "").topic())
                    .startsWith("$dps/registrations/res/202/?$rid=1&retry-after=");
            PahoDevice.Answer mismatch = device.request("$dps/registrations/PUT/iotdps-register/?$rid=2",
                    "{\"registrationId\":\"someone-else\"}");
            assertThat(mismatch.topic()).isEqualTo("$dps/registrations/res/400/?$rid=2");
            assertThat(mismatch.json().getInt("errorCode")).as("DPS's 400 over HTTPS too").isEqualTo(400004);
            assertThat(mismatch.json().getString("message")).contains("'someone-else'", "the user name");
        }
    }

    @Test
    void aWrongKeyOrATokenForAnotherDeviceConnectsButItsRegisterIsAnswered401() throws Exception {
        String id = "mqtt-wrong-key";
        enrollSymmetricKey(id);
        String otherKey = enrollSymmetricKey("mqtt-other-device");
        String wrongKey = Base64.getEncoder().encodeToString("not the key of this enrollment!!".getBytes(StandardCharsets.UTF_8));
        for (String token : new String[] {sas(scope + "/registrations/" + id, wrongKey),
                sas(scope + "/registrations/mqtt-other-device", otherKey)}) {
            try (PahoDevice device = PahoDevice.connect(simulator, id, PahoDevice.username(scope, id), Optional.of(token),
                    Optional.empty())) {
                device.subscribeToAnswers();

                PahoDevice.Answer refused = device.request("$dps/registrations/PUT/iotdps-register/?$rid=1", "");

                assertThat(refused.topic()).isEqualTo("$dps/registrations/res/401/?$rid=1");
                assertThat(refused.json().getInt("errorCode")).isEqualTo(401002);
                assertThat(refused.json().getString("message")).isNotBlank();
                assertThat(refused.json().getString("trackingId")).isNotBlank();
            }
        }
        assertThat(simulator.service().registrations()).noneMatch(registration -> registration.registrationId().equals(id));
    }

    @Test
    void anX509DeviceConnectsWithItsCertificateAndNoPasswordAndIsAssigned() throws Exception {
        String id = "mqtt-x509-device";
        HeldCertificate device = HeldCertificate.builder().commonName(id).clientAuth().build();
        simulator.service().putEnrollment(id, Json.createObjectBuilder().add("attestation", Json.createObjectBuilder()
                .add("type", "x509").add("x509", Json.createObjectBuilder().add("clientCertificates", Json.createObjectBuilder()
                        .add("primary", Json.createObjectBuilder().add("certificate", device.certificatePem())))))
                .build(), Optional.empty());

        try (PahoDevice client = PahoDevice.connect(simulator, id, PahoDevice.username(scope, id), Optional.empty(),
                Optional.of(device))) {
            client.subscribeToAnswers();
            JsonObject done = client.registerAndPoll("{\"registrationId\":\"" + id + "\"}").json();

            assertThat(done.getString("status")).isEqualTo("assigned");
            assertThat(done.getJsonObject("registrationState").getString("deviceId")).isEqualTo(id);
        }
    }

    @Test
    void aConnectThatNoRegisterCouldGetPastIsRefusedWithItsConnackCode() throws Exception {
        String id = "mqtt-refused";
        String token = sas(scope + "/registrations/" + id, enrollSymmetricKey(id));
        assertRefused(id, id + "/" + PahoDevice.API_VERSION, Optional.of(token), MqttException.REASON_CODE_FAILED_AUTHENTICATION);
        assertRefused(id, PahoDevice.username(scope, id), Optional.of("not a token"), MqttException.REASON_CODE_FAILED_AUTHENTICATION);
        assertRefused("another-client-id", PahoDevice.username(scope, id), Optional.of(token), MqttException.REASON_CODE_INVALID_CLIENT_ID);
        assertRefused(id, PahoDevice.username("0ne0000NONE", id), Optional.of(token), MqttException.REASON_CODE_NOT_AUTHORIZED);
        assertRefused(id, PahoDevice.username(scope, id), Optional.empty(), MqttException.REASON_CODE_NOT_AUTHORIZED);
    }

    @Test
    void onlyTheResponseFilterIsServedAndAQos2SubscriptionIsGrantedQos1() throws Exception {
        String id = "mqtt-filters";
        try (PahoDevice device = PahoDevice.connect(simulator, id, PahoDevice.username(scope, id),
                Optional.of(sas(scope + "/registrations/" + id, enrollSymmetricKey(id))), Optional.empty())) {
            int[] granted = device.subscribe(new String[] {PahoDevice.RESPONSES, "$dps/registrations/#", "devices/" + id + "/messages/devicebound/#"},
                    new int[] {2, 1, 1});

            assertThat(granted).containsExactly(1, 0x80, 0x80);
            assertThat(device.isConnected()).isTrue();
        }
    }

    @Test
    void aPublishToATopicDpsDoesNotServeClosesTheConnection() throws Exception {
        String id = "mqtt-unknown-topic";
        try (PahoDevice device = PahoDevice.connect(simulator, id, PahoDevice.username(scope, id),
                Optional.of(sas(scope + "/registrations/" + id, enrollSymmetricKey(id))), Optional.empty())) {
            device.subscribeToAnswers();

            assertThatThrownBy(() -> device.publish("$dps/registrations/POST/iotdps-unknown/?$rid=1", ""))
                    .isInstanceOf(MqttException.class);
            for (long end = System.nanoTime() + Duration.ofSeconds(10).toNanos(); device.isConnected() && System.nanoTime() < end; ) {
                Thread.sleep(20);
            }
            assertThat(device.isConnected()).isFalse();
        }
    }

    @Test
    void overTheConnectionCapOfItsAddressADeviceIsRefusedWithConnackThree() throws Exception {
        try (LocalSimulator capped = LocalSimulator.start(SimulatorConfig.builder().assignmentDelay(Duration.ZERO)
                .connectionLimits(ConnectionLimits.DEFAULTS.withMaxConnectionsPerAddress(1, true)).build())) {
            String id = "mqtt-capped";
            Attestation.SymmetricKey keys = (Attestation.SymmetricKey) capped.service().putEnrollment(id, Json.createObjectBuilder()
                    .add("attestation", Json.createObjectBuilder().add("type", "symmetricKey")).build(), Optional.empty()).attestation();
            String token = sas(capped.idScope() + "/registrations/" + id, keys.primaryKey());
            try (PahoDevice first = PahoDevice.connect(capped, id, PahoDevice.username(capped.idScope(), id), Optional.of(token),
                    Optional.empty())) {
                assertThat(first.isConnected()).isTrue();

                assertThatThrownBy(() -> PahoDevice.connect(capped, id, PahoDevice.username(capped.idScope(), id), Optional.of(token),
                        Optional.empty()).close())
                        .isInstanceOfSatisfying(MqttException.class,
                                e -> assertThat(e.getReasonCode()).isEqualTo(MqttException.REASON_CODE_BROKER_UNAVAILABLE));
            }
        }
    }

    @Test
    void theFirstRequestDeadlineHoldsAConnectionUntilItsConnectAndTheKeepAliveAfter() throws Exception {
        try (LocalSimulator quick = LocalSimulator.start(SimulatorConfig.builder().assignmentDelay(Duration.ZERO)
                .connectionLimits(ConnectionLimits.DEFAULTS.withHeadTimeout(Duration.ofMillis(500))).build())) {
            try (SSLSocket silent = (SSLSocket) TlsContexts.client(List.of(quick.trustedRoot())).getSocketFactory()
                    .createSocket("127.0.0.1", quick.dpsMqttPort())) {
                silent.startHandshake();
                silent.setSoTimeout(10_000);
                long start = System.nanoTime();
                assertThat(readOrClosed(silent)).as("closed without a byte").isEqualTo(-1);
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
            }

            String id = "mqtt-past-the-deadline";
            Attestation.SymmetricKey keys = (Attestation.SymmetricKey) quick.service().putEnrollment(id, Json.createObjectBuilder()
                    .add("attestation", Json.createObjectBuilder().add("type", "symmetricKey")).build(), Optional.empty()).attestation();
            try (PahoDevice device = PahoDevice.connect(quick, id, PahoDevice.username(quick.idScope(), id),
                    Optional.of(sas(quick.idScope() + "/registrations/" + id, keys.primaryKey())), Optional.empty())) {
                device.subscribeToAnswers();
                Thread.sleep(1500);

                assertThat(device.isConnected()).isTrue();
                assertThat(device.registerAndPoll("").json().getString("status")).isEqualTo("assigned");
            }
        }
    }

    private static int readOrClosed(SSLSocket socket) {
        try {
            return socket.getInputStream().read();
        } catch (IOException closed) {
            return -1;
        }
    }

    private static void assertRefused(String clientId, String username, Optional<String> password, int reasonCode) {
        assertThatThrownBy(() -> PahoDevice.connect(simulator, clientId, username, password, Optional.empty()).close())
                .as(clientId + " " + username)
                .isInstanceOfSatisfying(MqttException.class, e -> assertThat(e.getReasonCode()).isEqualTo(reasonCode));
    }

    private static String enrollSymmetricKey(String registrationId) {
        return PahoDevice.enrollSymmetricKey(simulator, registrationId);
    }

    private static String sas(String resource, String base64Key) throws Exception {
        return PahoDevice.sas(resource, base64Key);
    }
}
