package dev.dpsrig.simulator.mqtt.dps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dpsrig.certs.TlsContexts;
import dev.dpsrig.protocol.DpsErrorCode;
import dev.dpsrig.simulator.fault.FaultRules;
import dev.dpsrig.simulator.mqtt.RawMqttWire;
import dev.dpsrig.simulator.quota.QuotaProfile;
import dev.dpsrig.simulator.server.LocalSimulator;
import dev.dpsrig.simulator.server.SimulatorConfig;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import jakarta.json.Json;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fault rules over the DPS device API over MQTT 3.1.1 over TLS, with a plain MQTT client against the running
 * simulator: the same rules and quotas as over HTTPS answer on the response topic, delay the answer, drop the
 * connection, damage the answer or decide the outcome; a rule may keep to one transport; a {@code connect-refused}
 * rule refuses the CONNACK.
 */
class DpsMqttFaultIT {
    private static final String REGISTER = "$dps/registrations/PUT/iotdps-register/?$rid=";

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

    @AfterEach
    void disarm() {
        simulator.faults().clear();
        simulator.quotaProfile(QuotaProfile.parse("off"));
    }

    @Test
    void aRegisterOverItsQuotaIsThrottledAsOverHttps() throws Exception {
        String id = "mqtt-quota-device";
        simulator.quotaProfile(QuotaProfile.parse("registrations=1/min"));
        try (PahoDevice device = connected(id)) {
            assertThat(device.request(REGISTER + "1", "").status()).isEqualTo(202);

            PahoDevice.Answer throttled = device.request(REGISTER + "2", "");

            assertThat(throttled.topic()).matches("\\$dps/registrations/res/429/\\?\\$rid=2&retry-after=\\d+");
            assertThat(throttled.json().getInt("errorCode")).isEqualTo(DpsErrorCode.THROTTLED.code());
        }
    }

    @Test
    void aDelayedRegisterIsAnsweredLate() throws Exception {
        String id = "mqtt-fault-delayed";
        arm("{'endpoint':'register','device':'" + id + "','kind':'delay','delayMillis':700}");
        try (PahoDevice device = connected(id)) {
            long started = System.nanoTime();

            assertThat(device.request(REGISTER + "1", "").status()).isEqualTo(202);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(700));
        }
    }

    /** Read off the wire: a client library may drop a message that arrives just before the connection is lost. */
    @Test
    void aDropMidResponseSendsTheStartOfAnAnswerThenCloses() throws Exception {
        String id = "mqtt-fault-cut";
        String token = PahoDevice.sas(scope + "/registrations/" + id, PahoDevice.enrollSymmetricKey(simulator, id));
        arm("{'endpoint':'register','device':'" + id + "','kind':'drop-connection','at':'mid-response'}");
        try (RawMqttWire wire = RawMqttWire.open(simulator.dpsMqttPort(), simulator.trustedRoot())) {
            wire.send(MqttMessageBuilders.connect().protocolVersion(MqttVersion.MQTT_3_1_1).clientId(id).cleanSession(true)
                            .keepAlive(60).username(PahoDevice.username(scope, id)).password(token.getBytes(StandardCharsets.UTF_8)).build(),
                    MqttMessageBuilders.subscribe().messageId(1).addSubscription(MqttQoS.AT_LEAST_ONCE, "$dps/registrations/res/#").build(),
                    MqttMessageBuilders.publish().topicName(REGISTER + "9").qos(MqttQoS.AT_LEAST_ONCE).messageId(2)
                            .retained(false).payload(Unpooled.EMPTY_BUFFER).build());

            List<MqttMessage> received = wire.readUntilClosed(Duration.ofSeconds(10));

            assertThat(received).extracting(packet -> packet.fixedHeader().messageType())
                    .as("no PUBACK for the register: the connection ends after the start of its answer")
                    .containsExactly(MqttMessageType.CONNACK, MqttMessageType.SUBACK, MqttMessageType.PUBLISH);
            MqttPublishMessage cut = (MqttPublishMessage) received.get(2);
            assertThat(cut.variableHeader().topicName()).isEqualTo("$dps/registrations/res/202/?$rid=9");
            assertThat(cut.payload().toString(StandardCharsets.UTF_8)).isEqualTo("{\"operationId\":\"5.");
        }
    }

    @Test
    void aThrottledRegisterIsA429WithRetryAfterInTheTopicAndTheDpsErrorBody() throws Exception {
        String id = "mqtt-fault-throttled";
        arm("{'endpoint':'register','device':'" + id + "','kind':'throttle','retryAfter':4,'times':1}");
        try (PahoDevice device = connected(id)) {
            PahoDevice.Answer throttled = device.request(REGISTER + "1", "");

            assertThat(throttled.topic()).isEqualTo("$dps/registrations/res/429/?$rid=1&retry-after=4");
            assertThat(throttled.json().getInt("errorCode")).isEqualTo(DpsErrorCode.THROTTLED.code()).isEqualTo(429001);
            assertThat(device.request(REGISTER + "2", "").status()).as("the rule is spent").isEqualTo(202);
        }
    }

    @Test
    void aServerErrorIsA503OnTheResponseTopic() throws Exception {
        String id = "mqtt-fault-unavailable";
        arm("{'endpoint':'register','device':'" + id + "','kind':'server-error','status':503}");
        try (PahoDevice device = connected(id)) {
            PahoDevice.Answer unavailable = device.request(REGISTER + "5", "");

            assertThat(unavailable.topic()).isEqualTo("$dps/registrations/res/503/?$rid=5");
            assertThat(unavailable.json().getInt("errorCode")).isEqualTo(DpsErrorCode.SERVICE_UNAVAILABLE.code());
        }
    }

    @Test
    void aDropBeforeTheAnswerClosesTheConnectionWithoutAnswering() throws Exception {
        String id = "mqtt-fault-dropped";
        arm("{'endpoint':'register','device':'" + id + "','kind':'drop-connection','at':'after-request'}");
        try (PahoDevice device = connected(id)) {
            assertThatThrownBy(() -> device.publish(REGISTER + "1", "")).as("no PUBACK either").isInstanceOf(MqttException.class);

            awaitDisconnected(device);
            assertThat(device.nextAnswer(Duration.ofMillis(300))).isEmpty();
        }
    }

    @Test
    void aTruncatedAnswerIsHalfItsJson() throws Exception {
        String id = "mqtt-fault-truncated";
        arm("{'endpoint':'register','device':'" + id + "','kind':'malformed-answer','malformation':'truncated-json'}");
        try (PahoDevice device = connected(id)) {
            PahoDevice.Answer truncated = device.request(REGISTER + "1", "");

            assertThat(truncated.status()).isEqualTo(202);
            assertThat(truncated.body()).startsWith("{").doesNotEndWith("}");
            assertThatThrownBy(truncated::json).isInstanceOf(RuntimeException.class);
        }
    }

    @Test
    void aNonIntegerRetryAfterIsInTheTopic() throws Exception {
        String id = "mqtt-fault-retry-after";
        arm("{'endpoint':'register','device':'" + id + "','kind':'malformed-answer','malformation':'non-integer-retry-after'}");
        try (PahoDevice device = connected(id)) {
            assertThat(device.request(REGISTER + "3", "").topic()).isEqualTo("$dps/registrations/res/202/?$rid=3&retry-after=2.5");
        }
    }

    @Test
    void anAssignmentFailedRuleEndsTheRegistrationFailedWithItsErrorCode() throws Exception {
        String id = "mqtt-fault-failed";
        arm("{'endpoint':'register','device':'" + id + "','kind':'assignment-failed','errorCode':400209,'errorMessage':'no hub'}");
        try (PahoDevice device = connected(id)) {
            PahoDevice.Answer done = device.registerAndPoll("");

            assertThat(done.status()).isEqualTo(200);
            assertThat(done.json().getString("status")).isEqualTo("failed");
            assertThat(done.json().getJsonObject("registrationState").getInt("errorCode")).isEqualTo(400209);
        }
    }

    @Test
    void aRuleForMqttLeavesHttpsAlone() throws Exception {
        String id = "mqtt-fault-scoped";
        String key = PahoDevice.enrollSymmetricKey(simulator, id);
        arm("{'endpoint':'register','device':'" + id + "','kind':'server-error','status':500,'transport':'mqtt'}");

        try (HttpClient client = HttpClient.newBuilder().sslContext(TlsContexts.client(List.of(simulator.trustedRoot()))).build()) {
            HttpResponse<String> overHttps = client.send(HttpRequest.newBuilder(URI.create(simulator.dpsBaseUrl() + "/" + scope
                            + "/registrations/" + id + "/register?api-version=2019-03-31"))
                    .header("Authorization", PahoDevice.sas(scope + "/registrations/" + id, key))
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"registrationId\":\"" + id + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(overHttps.statusCode()).as(overHttps.body()).isEqualTo(202);
        }
        try (PahoDevice device = PahoDevice.connect(simulator, id, PahoDevice.username(scope, id),
                Optional.of(PahoDevice.sas(scope + "/registrations/" + id, key)), Optional.empty())) {
            device.subscribeToAnswers();
            assertThat(device.request(REGISTER + "1", "").status()).isEqualTo(500);
        }
    }

    @Test
    void aConnectRefusedRuleRefusesTheConnackWithItsCode() throws Exception {
        String id = "mqtt-fault-refused";
        String key = PahoDevice.enrollSymmetricKey(simulator, id);
        arm("{'endpoint':'dps-connect','device':'" + id + "','kind':'connect-refused','connackCode':5,'times':1}");
        String token = PahoDevice.sas(scope + "/registrations/" + id, key);

        assertThatThrownBy(() -> PahoDevice.connect(simulator, id, PahoDevice.username(scope, id), Optional.of(token), Optional.empty()))
                .isInstanceOfSatisfying(MqttException.class,
                        e -> assertThat(e.getReasonCode()).isEqualTo(MqttException.REASON_CODE_NOT_AUTHORIZED));
        try (PahoDevice device = PahoDevice.connect(simulator, id, PahoDevice.username(scope, id), Optional.of(token),
                Optional.empty())) {
            assertThat(device.isConnected()).as("the rule is spent").isTrue();
        }
    }

    private static PahoDevice connected(String id) throws Exception {
        PahoDevice device = PahoDevice.connect(simulator, id, PahoDevice.username(scope, id),
                Optional.of(PahoDevice.sas(scope + "/registrations/" + id, PahoDevice.enrollSymmetricKey(simulator, id))),
                Optional.empty());
        device.subscribeToAnswers();
        return device;
    }

    private static void arm(String singleQuoted) {
        simulator.faults().add(FaultRules.parse(Json.createReader(new StringReader(singleQuoted.replace('\'', '"'))).readObject(),
                simulator.faults()::nextRuleId));
    }

    private static void awaitDisconnected(PahoDevice device) throws InterruptedException {
        for (long end = System.nanoTime() + Duration.ofSeconds(10).toNanos(); device.isConnected() && System.nanoTime() < end; ) {
            Thread.sleep(20);
        }
        assertThat(device.isConnected()).isFalse();
    }
}
