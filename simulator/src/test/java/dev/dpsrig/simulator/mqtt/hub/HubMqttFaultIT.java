package dev.dpsrig.simulator.mqtt.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.dpsrig.simulator.fault.Endpoint;
import dev.dpsrig.simulator.fault.FaultRecord;
import dev.dpsrig.simulator.fault.FaultRules;
import dev.dpsrig.simulator.hub.SimulatedHub;
import dev.dpsrig.simulator.quota.QuotaProfile;
import dev.dpsrig.simulator.server.LocalSimulator;
import dev.dpsrig.simulator.server.SimulatorConfig;
import jakarta.json.Json;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fault rules over a hub's device API over MQTT 3.1.1 over TLS, with Eclipse Paho against the running simulator:
 * telemetry that a rule or a quota refuses gets no PUBACK and its connection is closed; a drop closes the connection
 * before or after the PUBACK; a delay holds the PUBACK; a {@code connect-refused} rule on {@code hub-connect} refuses
 * the CONNACK; a rule kept to HTTPS leaves MQTT alone.
 */
class HubMqttFaultIT {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private static LocalSimulator simulator;
    private static SimulatedHub hub;
    private static HubDevices devices;

    @BeforeAll
    static void start() {
        simulator = LocalSimulator.start(SimulatorConfig.forTests());
        hub = simulator.iotHub(SimulatorConfig.DEFAULT_HUB);
        devices = new HubDevices(simulator);
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
        simulator.faults().clearRecords();
        simulator.quotaProfile(QuotaProfile.parse("off"));
    }

    @Test
    void aThrottledMessageGetsNoPubackItsConnectionIsClosedAndTheNextConnectionSendsAgain() throws Exception {
        String id = "hub-fault-throttled";
        String key = devices.provisionSymmetricKey(id);
        arm("{'endpoint':'hub-send','device':'" + id + "','kind':'throttle','retryAfter':2,'transport':'mqtt','times':1}");
        MqttClient device = devices.connect(id, key, Optional.empty());
        try {
            assertRefusedAndClosed(device, "throttled");
            assertThat(simulator.faults().records()).extracting(FaultRecord::ruleId, FaultRecord::endpoint, FaultRecord::deviceId)
                    .contains(tuple(simulator.faults().records().getLast().ruleId(), Endpoint.HUB_SEND, id));
        } finally {
            HubDevices.close(device);
        }
        MqttClient again = devices.connect(id, key, Optional.empty());
        try {
            send(again, "throttled");
            assertThat(hub.awaitMessages(id, 1, WAIT)).singleElement()
                    .satisfies(message -> assertThat(new String(message.body(), StandardCharsets.UTF_8)).isEqualTo("throttled"));
        } finally {
            HubDevices.close(again);
        }
    }

    @Test
    void aServerErrorOrAnAuthenticationErrorForEveryTransportClosesTheConnectionWithoutAPuback() throws Exception {
        String id = "hub-fault-failing";
        String key = devices.provisionSymmetricKey(id);
        arm("{'endpoint':'hub-send','device':'" + id + "','kind':'server-error','status':503,'calls':'1'}");
        arm("{'endpoint':'hub-send','device':'" + id + "','kind':'authentication-error','calls':'2'}");
        for (String attempt : new String[] {"unavailable", "unauthorized"}) {
            MqttClient device = devices.connect(id, key, Optional.empty());
            try {
                assertRefusedAndClosed(device, attempt);
            } finally {
                HubDevices.close(device);
            }
        }
    }

    @Test
    void aMessageOverTheHubsQuotaIsRefusedAsAThrottle() throws Exception {
        String id = "hub-fault-quota";
        String key = devices.provisionSymmetricKey(id);
        simulator.quotaProfile(QuotaProfile.parse("d2c=1/min"));
        MqttClient device = devices.connect(id, key, Optional.empty());
        try {
            send(device, "within the quota");
            assertThat(hub.awaitMessages(id, 1, WAIT)).hasSize(1);

            assertThatThrownBy(() -> send(device, "over it")).isInstanceOf(MqttException.class);
            HubDevices.awaitDisconnected(device);
            assertThat(hub.messages(id)).hasSize(1);
        } finally {
            HubDevices.close(device);
        }
    }

    @Test
    void aDropAfterTheRequestClosesBeforeThePubackAndTheMessageIsNotAccepted() throws Exception {
        String id = "hub-fault-dropped";
        String key = devices.provisionSymmetricKey(id);
        arm("{'endpoint':'hub-send','device':'" + id + "','kind':'drop-connection','at':'after-request'}");
        MqttClient device = devices.connect(id, key, Optional.empty());
        try {
            assertRefusedAndClosed(device, "lost");
        } finally {
            HubDevices.close(device);
        }
    }

    @Test
    void aDropMidResponseClosesAfterThePubackAndTheMessageIsAccepted() throws Exception {
        String id = "hub-fault-cut";
        String key = devices.provisionSymmetricKey(id);
        arm("{'endpoint':'hub-send','device':'" + id + "','kind':'drop-connection','at':'mid-response'}");
        MqttClient device = devices.connect(id, key, Optional.empty());
        try {
            send(device, "acknowledged, then cut");

            HubDevices.awaitDisconnected(device);
            assertThat(hub.awaitMessages(id, 1, WAIT)).hasSize(1);
        } finally {
            HubDevices.close(device);
        }
    }

    @Test
    void aDelayHoldsThePuback() throws Exception {
        String id = "hub-fault-delayed";
        String key = devices.provisionSymmetricKey(id);
        arm("{'endpoint':'hub-send','device':'" + id + "','kind':'delay','delayMillis':700}");
        MqttClient device = devices.connect(id, key, Optional.empty());
        try {
            long started = System.nanoTime();
            send(device, "late");

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(700));
            assertThat(hub.messages(id)).hasSize(1);
            assertThat(device.isConnected()).isTrue();
        } finally {
            HubDevices.close(device);
        }
    }

    @Test
    void aConnectRefusedRuleOnHubConnectRefusesTheConnackWithItsCode() throws Exception {
        String id = "hub-fault-refused";
        String key = devices.provisionSymmetricKey(id);
        arm("{'endpoint':'hub-connect','device':'" + id + "','kind':'connect-refused','connackCode':5,'times':1}");

        assertThatThrownBy(() -> devices.connect(id, key, Optional.empty()))
                .isInstanceOfSatisfying(MqttException.class, e -> assertThat(e.getReasonCode()).isEqualTo(MqttException.REASON_CODE_NOT_AUTHORIZED));
        MqttClient device = devices.connect(id, key, Optional.empty());
        HubDevices.close(device);
        assertThat(simulator.faults().records()).extracting(FaultRecord::endpoint).containsExactly(Endpoint.HUB_CONNECT);
    }

    @Test
    void aRuleKeptToHttpsLeavesMqttAlone() throws Exception {
        String id = "hub-fault-https-only";
        String key = devices.provisionSymmetricKey(id);
        arm("{'endpoint':'hub-send','device':'" + id + "','kind':'server-error','transport':'https'}");
        MqttClient device = devices.connect(id, key, Optional.empty());
        try {
            send(device, "untouched");
            assertThat(hub.awaitMessages(id, 1, WAIT)).hasSize(1);
            assertThat(simulator.faults().records()).isEmpty();
        } finally {
            HubDevices.close(device);
        }
    }

    /** A QoS 1 telemetry PUBLISH, returning once its PUBACK came. */
    private static void send(MqttClient device, String body) throws MqttException {
        device.publish("devices/" + device.getClientId() + "/messages/events/", body.getBytes(StandardCharsets.UTF_8), 1, false);
    }

    private static void assertRefusedAndClosed(MqttClient device, String body) throws InterruptedException {
        assertThatThrownBy(() -> send(device, body)).as("no PUBACK").isInstanceOf(MqttException.class);
        HubDevices.awaitDisconnected(device);
        assertThat(hub.messages(device.getClientId())).as("not accepted").isEmpty();
    }

    private static void arm(String singleQuoted) {
        simulator.faults().add(FaultRules.parse(Json.createReader(new StringReader(singleQuoted.replace('\'', '"'))).readObject(),
                simulator.faults()::nextRuleId));
    }
}
