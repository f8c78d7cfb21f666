package dev.dpsrig.emulator.device.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.entry;

import dev.dpsrig.certs.Certificates;
import dev.dpsrig.certs.HeldCertificate;
import dev.dpsrig.emulator.device.DeviceAttestation;
import dev.dpsrig.emulator.device.DeviceEvent;
import dev.dpsrig.emulator.device.DpsEndpoint;
import dev.dpsrig.emulator.device.EmulatedDevice;
import dev.dpsrig.emulator.device.HubClient;
import dev.dpsrig.emulator.device.ProvisioningClient;
import dev.dpsrig.emulator.device.ProvisioningException;
import dev.dpsrig.emulator.device.RegistrationResult;
import dev.dpsrig.emulator.device.RetryPolicy;
import dev.dpsrig.emulator.device.Telemetry;
import dev.dpsrig.emulator.device.TelemetryOutcome;
import dev.dpsrig.emulator.device.Timeline;
import dev.dpsrig.emulator.device.Waiter;
import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.protocol.MessageProperty;
import dev.dpsrig.simulator.dps.Attestation;
import dev.dpsrig.simulator.fault.FaultRules;
import dev.dpsrig.simulator.hub.DeviceMessage;
import dev.dpsrig.simulator.hub.SimulatedHub;
import dev.dpsrig.simulator.server.LocalSimulator;
import dev.dpsrig.simulator.server.SimulatorConfig;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The device library over MQTT over TLS against the running simulator: registering with DPS by individual key, group
 * key and certificate, its retry rules over MQTT (a throttle's retry-after, a dropped connection, a refused CONNACK), a
 * wrong key refused with its reason, and telemetry over MQTT landing in the hub's messages, with the SAS token renewed
 * before it expires; and the same over MQTT over WebSockets, by key and by certificate.
 */
class DeviceMqttIT {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final RetryPolicy POLICY = RetryPolicy.DEFAULTS.withDeadline(Duration.ofSeconds(30))
            .withRequestTimeout(Duration.ofSeconds(3))
            .withPollBounds(Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofSeconds(60))
            .withBackoff(Duration.ofMillis(100), Duration.ofSeconds(1), 0);
    private static final String GROUP_KEY = "dGhpcy1pcy1hLWdyb3VwLWtleS1mb3ItdGVzdHMtb25seQ==";

    private final List<String> messages = new CopyOnWriteArrayList<>();

    private static LocalSimulator simulator;
    private static DpsEndpoint dps;
    private static SimulatedHub hub;

    @BeforeAll
    static void start() {
        simulator = LocalSimulator.start(SimulatorConfig.forTests());
        dps = DpsEndpoint.of(simulator.globalEndpoint(), simulator.idScope(), List.of(simulator.trustedRoot()));
        hub = simulator.iotHub(SimulatorConfig.DEFAULT_HUB);
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
    }

    @Test
    void anIndividualKeyDeviceRegistersOverMqttAndItsTelemetryOverMqttLandsInTheHub() throws Exception {
        try (EmulatedDevice device = device(individual("mqtt-individual"), Duration.ofHours(1))) {
            RegistrationResult result = device.register(Optional.empty());

            assertThat(result.deviceId()).isEqualTo("mqtt-individual");
            assertThat(result.assignedHub()).isEqualTo(hub.hub().hostName());
            assertThat(device.timeline().statuses()).last().isEqualTo("assigned");
            TelemetryOutcome sent = device.hub().send(Telemetry.text("{\"t\":21}").withProperty("temperature unit", "°C")
                    .with(MessageProperty.CONTENT_TYPE, "application/json").with(MessageProperty.MESSAGE_ID, "m-1"),
                    device.timeline(), device.random());

            assertThat(sent).isInstanceOfSatisfying(TelemetryOutcome.Acknowledged.class, ok -> assertThat(ok.attempts()).isOne());
            DeviceMessage message = hub.awaitMessages("mqtt-individual", 1, WAIT).getFirst();
            assertThat(new String(message.body(), StandardCharsets.UTF_8)).isEqualTo("{\"t\":21}");
            assertThat(message.properties()).containsExactly(entry("temperature unit", "°C"));
            assertThat(message.systemProperties()).contains(entry(MessageProperty.CONTENT_TYPE, "application/json"),
                    entry(MessageProperty.MESSAGE_ID, "m-1"));
            assertThat(message.authMethod()).isEqualTo("sas");
        }
    }

    @Test
    void aGroupDerivedKeyDeviceRegistersAndSendsABatchOverMqtt() throws Exception {
        simulator.service().putGroup("mqtt-sensors", Jsonp.createObjectBuilder().add("attestation", Jsonp.createObjectBuilder()
                .add("type", "symmetricKey").add("symmetricKey", Jsonp.createObjectBuilder()
                        .add("primaryKey", GROUP_KEY).add("secondaryKey", GROUP_KEY))).build(), Optional.empty());
        try (EmulatedDevice device = device(DeviceAttestation.SymmetricKey.fromGroupKey("mqtt-sensor-1", GROUP_KEY), Duration.ofHours(1))) {
            assertThat(device.register(Optional.empty()).deviceId()).isEqualTo("mqtt-sensor-1");

            TelemetryOutcome sent = device.hub().sendBatch(List.of(Telemetry.text("a"), Telemetry.text("b")), device.timeline(),
                    device.random());

            assertThat(sent).isInstanceOfSatisfying(TelemetryOutcome.Acknowledged.class, ok -> assertThat(ok.messages()).isEqualTo(2));
            assertThat(hub.awaitMessages("mqtt-sensor-1", 2, WAIT)).extracting(m -> new String(m.body(), StandardCharsets.UTF_8))
                    .containsExactly("a", "b");
        }
    }

    @Test
    void anX509DeviceRegistersAndSendsWithItsCertificateAndNoPassword() throws Exception {
        try (EmulatedDevice device = device(x509InGroup("mqtt-x509"), Duration.ofHours(1))) {
            assertThat(device.register(Optional.empty()).deviceId()).isEqualTo("mqtt-x509");

            assertThat(device.hub().send(Telemetry.text("x509"), device.timeline(), device.random()))
                    .isInstanceOf(TelemetryOutcome.Acknowledged.class);
            assertThat(hub.awaitMessages("mqtt-x509", 1, WAIT).getFirst().authMethod()).isNotEqualTo("sas");
        }
    }

    @Test
    void overWebSocketsAKeyDeviceRegistersAndItsTelemetryLandsInTheHub() throws Exception {
        try (EmulatedDevice device = webSocketDevice(individual("mqtt-ws-key"))) {
            assertThat(device.register(Optional.empty()).deviceId()).isEqualTo("mqtt-ws-key");

            assertThat(device.hub().send(Telemetry.text("over wss").with(MessageProperty.MESSAGE_ID, "ws-1"), device.timeline(),
                    device.random())).isInstanceOf(TelemetryOutcome.Acknowledged.class);

            DeviceMessage message = hub.awaitMessages("mqtt-ws-key", 1, WAIT).getFirst();
            assertThat(new String(message.body(), StandardCharsets.UTF_8)).isEqualTo("over wss");
            assertThat(message.systemProperties()).contains(entry(MessageProperty.MESSAGE_ID, "ws-1"));
            assertThat(message.authMethod()).isEqualTo("sas");
        }
    }

    @Test
    void overWebSocketsAnX509DeviceRegistersAndSendsWithTheCertificateOfItsTlsSession() throws Exception {
        // A fault kept to MQTT on this device's register: meeting it shows the registration went over MQTT.
        fault("{'endpoint':'register','device':'mqtt-ws-x509','kind':'throttle','retryAfter':1,'times':1,'transport':'mqtt'}");
        try (EmulatedDevice device = webSocketDevice(x509InGroup("mqtt-ws-x509"))) {
            assertThat(device.register(Optional.empty()).deviceId()).isEqualTo("mqtt-ws-x509");
            assertThat(device.timeline().events(DeviceEvent.RetryScheduled.class)).singleElement()
                    .satisfies(retry -> assertThat(retry.reason()).startsWith("429"));

            assertThat(device.hub().send(Telemetry.text("x509 over wss"), device.timeline(), device.random()))
                    .isInstanceOf(TelemetryOutcome.Acknowledged.class);
            assertThat(hub.awaitMessages("mqtt-ws-x509", 1, WAIT).getFirst().authMethod()).isNotEqualTo("sas");
        }
    }

    @Test
    void aThrottledRegisterOverMqttWaitsTheRetryAfterOfItsResponseTopic() throws Exception {
        DeviceAttestation device = individual("mqtt-throttled");
        fault("{'endpoint':'register','device':'mqtt-throttled','kind':'throttle','retryAfter':1,'times':1,'transport':'mqtt'}");
        Timeline timeline = new Timeline();

        dpsClient().register(device, Optional.empty(), timeline, new SplittableRandom(1));

        assertThat(timeline.events(DeviceEvent.RetryScheduled.class)).singleElement().satisfies(retry -> {
            assertThat(retry.step()).isEqualTo("register");
            assertThat(retry.reason()).startsWith("429 ");
            assertThat(retry.delay()).isEqualTo(Duration.ofSeconds(1));
        });
        assertThat(timeline.events(DeviceEvent.RegisterSent.class)).hasSize(2);
        assertThat(simulator.faults().records()).filteredOn(record -> record.deviceId().equals("mqtt-throttled")).hasSize(1);
    }

    @Test
    void aConnectionDroppedBeforeTheAnswerIsRetriedOnANewConnection() throws Exception {
        DeviceAttestation device = individual("mqtt-dropped");
        fault("{'endpoint':'register','device':'mqtt-dropped','kind':'drop-connection','at':'after-request','times':1,'transport':'mqtt'}");
        Timeline timeline = new Timeline();

        RegistrationResult result = dpsClient().register(device, Optional.empty(), timeline, new SplittableRandom(1));

        assertThat(result.deviceId()).isEqualTo("mqtt-dropped");
        assertThat(timeline.events(DeviceEvent.RetryScheduled.class)).singleElement().satisfies(retry -> {
            assertThat(retry.reason()).contains("MQTT").contains("ended");
            assertThat(retry.delay()).isEqualTo(Duration.ofMillis(100));
        });
    }

    @Test
    void aServerUnavailableConnackIsRetriedAndABadCredentialsConnackEndsTheRegistrationNamingTheCode() throws Exception {
        DeviceAttestation unavailable = individual("mqtt-connack-3");
        fault("{'endpoint':'dps-connect','device':'mqtt-connack-3','kind':'connect-refused','connackCode':3,'times':1}");
        Timeline timeline = new Timeline();

        dpsClient().register(unavailable, Optional.empty(), timeline, new SplittableRandom(1));

        assertThat(timeline.events(DeviceEvent.RetryScheduled.class)).singleElement()
                .satisfies(retry -> assertThat(retry.reason()).startsWith("503 ").contains("CONNACK 3 (server unavailable)"));

        DeviceAttestation refused = individual("mqtt-connack-5");
        fault("{'endpoint':'dps-connect','device':'mqtt-connack-5','kind':'connect-refused','connackCode':5}");
        ProvisioningException e = catchThrowableOfType(ProvisioningException.class,
                () -> dpsClient().register(refused, Optional.empty(), new Timeline(), new SplittableRandom(1)));

        assertThat(e.reason()).isEqualTo(ProvisioningException.Reason.REFUSED);
        assertThat(e.httpStatus()).isEqualTo(401);
        assertThat(e.getMessage()).contains("CONNACK 5 (not authorized)");
    }

    @Test
    void aWrongKeyIsRefusedWithTheReasonDpsGives() {
        individual("mqtt-wrong-key");
        DeviceAttestation wrong = DeviceAttestation.SymmetricKey.individual("mqtt-wrong-key", GROUP_KEY);

        ProvisioningException e = catchThrowableOfType(ProvisioningException.class,
                () -> dpsClient().register(wrong, Optional.empty(), new Timeline(), new SplittableRandom(1)));

        assertThat(e.reason()).isEqualTo(ProvisioningException.Reason.REFUSED);
        assertThat(e.httpStatus()).isEqualTo(401);
        assertThat(e.errorCode()).contains(401002);
    }

    @Test
    void aHubRefusingTheKeyAtConnectIsAFailedSendNamingTheConnackCode() throws Exception {
        try (EmulatedDevice device = device(individual("mqtt-hub-refused"), Duration.ofHours(1))) {
            device.register(Optional.empty());
            MqttHubLink wrongKey = new MqttHubLink(hubEndpoint(hub.hub().hostName()), hub.hub().hostName(), "mqtt-hub-refused",
                    DeviceAttestation.SymmetricKey.individual("mqtt-hub-refused", GROUP_KEY), Duration.ofHours(1), Clock.systemUTC());

            try (HubClient client = new HubClient(wrongKey, POLICY, Clock.systemUTC(), Waiter.SLEEPING)) {
                TelemetryOutcome sent = client.send(Telemetry.text("refused"), device.timeline(), device.random());

                assertThat(sent).isInstanceOfSatisfying(TelemetryOutcome.Failed.class, failed -> {
                    assertThat(failed.httpStatus()).isEqualTo(401);
                    assertThat(failed.reason()).contains("CONNACK 5 (not authorized)");
                });
            }
            assertThat(hub.messages("mqtt-hub-refused")).isEmpty();
        }
    }

    @Test
    void theHubConnectionIsRenewedWithAFreshTokenBeforeItsTokenExpires() throws Exception {
        try (EmulatedDevice device = device(individual("mqtt-renewing"), Duration.ofSeconds(2))) {
            device.register(Optional.empty());
            HubClient client = device.hub();
            assertThat(client.send(Telemetry.text("first"), device.timeline(), device.random()))
                    .isInstanceOf(TelemetryOutcome.Acknowledged.class);

            Thread.sleep(2500);
            TelemetryOutcome second = client.send(Telemetry.text("after the first token expired"), device.timeline(), device.random());

            assertThat(second).isInstanceOfSatisfying(TelemetryOutcome.Acknowledged.class, ok -> assertThat(ok.attempts()).isOne());
            assertThat(device.timeline().events(DeviceEvent.RetryScheduled.class)).isEmpty();
            assertThat(hub.awaitMessages("mqtt-renewing", 2, WAIT)).hasSize(2);
        }
    }

    @Test
    void anIdleHubConnectionIsRenewedWithAFreshTokenBeforeItExpiresAndStillReceivesMessages() throws Exception {
        DeviceAttestation device = individual("mqtt-idle");
        try (EmulatedDevice registered = device(device, Duration.ofHours(1))) {
            registered.register(Optional.empty());
        }
        String hostName = hub.hub().hostName();
        List<Instant> logins = new CopyOnWriteArrayList<>();
        // Long enough that, on a loaded machine, the message is not pushed just as the renewed token lapses too (the hub
        // then rightly closes the connection, and this bare connection does not reconnect by itself).
        Duration lifetime = Duration.ofSeconds(4);
        MqttConnection.Listener pushed = new MqttConnection.Listener() {
            @Override
            public void message(MqttConnection connection, MqttPacket.Publish message) {
                messages.add(new String(message.payload(), StandardCharsets.UTF_8));
            }

            @Override
            public void closed(IOException why) {
            }
        };
        try (DeviceConnection connection = new DeviceConnection(hubEndpoint(hostName), Optional.empty(), now -> {
            logins.add(now);
            return DeviceConnection.Login.of("mqtt-idle", hostName + "/mqtt-idle/?api-version=" + MqttHubLink.API_VERSION, device,
                    hostName + "/devices/mqtt-idle", Optional.empty(), lifetime, now);
        }, Optional.of("devices/mqtt-idle/messages/devicebound/#"), pushed, ConcurrentHashMap.newKeySet(), Clock.systemUTC())) {
            MqttConnection first = connection.open(WAIT);

            // Idle past the first token's expiry: no call from the device, yet a fresh token is presented 3.6 s in.
            Thread.sleep(4500);
            hub.sendToDevice("mqtt-idle", "still listening".getBytes(StandardCharsets.UTF_8), Map.of(), Map.of(), Optional.empty());

            assertThat(logins).hasSize(2);
            assertThat(Duration.between(logins.get(0), logins.get(1))).isBetween(Duration.ofMillis(3500), Duration.ofMillis(4300));
            assertThat(first.isOpen()).isFalse();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (messages.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(messages).containsExactly("still listening");
            assertThat(connection.open(WAIT)).isNotSameAs(first);
            assertThat(logins).hasSize(2);
        }
    }

    @Test
    void aHubConnectionTakenOverByAnotherIsReconnectedForTheNextMessage() throws Exception {
        try (EmulatedDevice device = device(individual("mqtt-reconnecting"), Duration.ofHours(1))) {
            device.register(Optional.empty());
            assertThat(device.hub().send(Telemetry.text("before"), device.timeline(), device.random()))
                    .isInstanceOf(TelemetryOutcome.Acknowledged.class);
            try (MqttHubLink other = new MqttHubLink(hubEndpoint(hub.hub().hostName()), hub.hub().hostName(), "mqtt-reconnecting",
                    device.attestation(), Duration.ofHours(1), Clock.systemUTC())) {
                // The hub closes the older connection of a device that connects again.
                assertThat(other.receive(Duration.ofSeconds(3))).isEmpty();
            }

            assertThat(device.hub().send(Telemetry.text("after"), device.timeline(), device.random()))
                    .isInstanceOf(TelemetryOutcome.Acknowledged.class);
            assertThat(hub.awaitMessages("mqtt-reconnecting", 2, WAIT)).hasSize(2);
        }
    }

    // ---- fixtures --------------------------------------------------------------------------------

    private static ProvisioningClient dpsClient() {
        return dpsClient(MqttEndpoint.Flavour.TLS);
    }

    private static ProvisioningClient dpsClient(MqttEndpoint.Flavour flavour) {
        List<X509Certificate> roots = List.of(simulator.trustedRoot());
        MqttEndpoint endpoint = flavour == MqttEndpoint.Flavour.TLS ? MqttEndpoint.tls(simulator.dpsMqttEndpoint(), roots)
                : MqttEndpoint.webSocket(simulator.dpsMqttWebSocketEndpoint(), roots);
        return new ProvisioningClient(dps, new MqttProvisioningLink(dps, endpoint, Clock.systemUTC()), POLICY, Clock.systemUTC(),
                Waiter.SLEEPING);
    }

    private static EmulatedDevice device(DeviceAttestation attestation, Duration tokenLifetime) {
        return new EmulatedDevice(attestation, dpsClient(), MqttHubLink.opener(DeviceMqttIT::hubEndpoint, tokenLifetime,
                Clock.systemUTC()), POLICY, Clock.systemUTC(), Waiter.SLEEPING, 7);
    }

    /** A device reaching DPS and its hub over MQTT over WebSockets, at the endpoints the simulator names. */
    private static EmulatedDevice webSocketDevice(DeviceAttestation attestation) {
        return new EmulatedDevice(attestation, dpsClient(MqttEndpoint.Flavour.WEBSOCKET), MqttHubLink.opener(hostName -> MqttEndpoint.webSocket(
                simulator.hubMqttWebSocketEndpoint(hubNamed(hostName).hub().name()), List.of(simulator.trustedRoot())),
                Duration.ofHours(1), Clock.systemUTC()), POLICY, Clock.systemUTC(), Waiter.SLEEPING, 7);
    }

    private static MqttEndpoint hubEndpoint(String hostName) {
        return MqttEndpoint.tls(simulator.hubMqttEndpoint(hubNamed(hostName).hub().name()), List.of(simulator.trustedRoot()));
    }

    private static SimulatedHub hubNamed(String hostName) {
        return simulator.iotHubs().stream().filter(h -> h.hub().hostName().equals(hostName)).findFirst().orElseThrow();
    }

    /** A device certificate signed by a verified CA of an X.509 enrollment group of its own. */
    private static DeviceAttestation x509InGroup(String registrationId) {
        HeldCertificate root = HeldCertificate.builder().commonName(registrationId + "-root").certificateAuthority().build();
        HeldCertificate leaf = HeldCertificate.builder().commonName(registrationId).clientAuth().signedBy(root).build();
        simulator.service().putCaCertificate(registrationId + "-root", root.certificate(), true, Optional.empty());
        simulator.service().putGroup(registrationId + "-group", Jsonp.createObjectBuilder().add("attestation", Jsonp.createObjectBuilder()
                .add("type", "x509").add("x509", Jsonp.createObjectBuilder().add("signingCertificates", Jsonp.createObjectBuilder()
                        .add("primary", Jsonp.createObjectBuilder().add("certificate", Certificates.toPem(root.certificate())))))).build(),
                Optional.empty());
        return DeviceAttestation.X509.of(leaf);
    }

    private static DeviceAttestation individual(String registrationId) {
        Attestation attestation = simulator.service().putEnrollment(registrationId, Jsonp.createObjectBuilder()
                .add("attestation", Jsonp.createObjectBuilder().add("type", "symmetricKey")).build(), Optional.empty()).attestation();
        return DeviceAttestation.SymmetricKey.individual(registrationId, ((Attestation.SymmetricKey) attestation).primaryKey());
    }

    private static void fault(String singleQuoted) {
        simulator.faults().add(FaultRules.parse(Jsonp.createReader(new StringReader(singleQuoted.replace('\'', '"'))).readObject(),
                simulator.faults()::nextRuleId));
    }
}
