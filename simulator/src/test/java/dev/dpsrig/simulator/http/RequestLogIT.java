package dev.dpsrig.simulator.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dpsrig.simulator.log.RequestLog;
import dev.dpsrig.simulator.mqtt.RawMqttWire;
import dev.dpsrig.simulator.server.LocalSimulator;
import dev.dpsrig.simulator.server.SimulatorConfig;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code --log requests}: a line per HTTP request and MQTT exchange, with the fields a reader needs and no credential. */
class RequestLogIT {
    private static final String DEVICE = "log-dev";
    private static final String TIME = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z";

    private final List<String> lines = new CopyOnWriteArrayList<>();

    @Test
    void everyRequestAndMqttExchangeIsOneLineWithoutCredentials() throws Exception {
        SimulatorConfig config = SimulatorConfig.builder().assignmentDelay(Duration.ZERO)
                .requestLog(RequestLog.to(lines::add, Clock.systemUTC())).build();
        try (LocalSimulator simulator = LocalSimulator.start(config)) {
            DeviceHttp http = new DeviceHttp(simulator);
            String key = http.enroll(DEVICE);
            String dpsToken = http.dpsToken(DEVICE);
            String hubToken = http.hubToken(DEVICE);
            http.provision(DEVICE);
            assertThat(http.send(DEVICE, "hello").status()).isEqualTo(204);
            http.call(HttpRequest.newBuilder(URI.create("https://" + http.hubHostName() + "/devices/" + DEVICE
                    + "/messages/deviceBound?api-version=2020-03-13&sig=" + signature(hubToken))).GET().build());
            http.call(HttpRequest.newBuilder(URI.create(simulator.dpsBaseUrl() + "/health")).GET().build());
            registerOverMqtt(simulator, dpsToken);
            refusedOverMqtt(simulator);

            awaitLines(line -> line.contains("CONNACK-4"));

            String scope = simulator.idScope();
            assertThat(lines).anySatisfy(line -> assertThat(line).matches(TIME + " PUT /" + scope + "/registrations/" + DEVICE
                    + "/register\\?api-version=2021-06-01 202 " + DEVICE + " \\d+ms"));
            assertThat(lines).anySatisfy(line -> assertThat(line).matches(TIME + " POST /devices/" + DEVICE
                    + "/messages/events\\?api-version=2020-03-13 204 " + DEVICE + " \\d+ms"));
            assertThat(lines).anySatisfy(line -> assertThat(line).matches(TIME + " GET /devices/" + DEVICE
                    + "/messages/deviceBound\\?api-version=2020-03-13&sig=<redacted> \\d{3} " + DEVICE + " \\d+ms"));
            assertThat(lines).anySatisfy(line -> assertThat(line).matches(TIME + " CONNECT - CONNACK-0 " + DEVICE + " \\d+ms"));
            assertThat(lines).anySatisfy(line -> assertThat(line).matches(TIME + " SUBSCRIBE \\$dps/registrations/res/# granted "
                    + DEVICE + " \\d+ms"));
            assertThat(lines).anySatisfy(line -> assertThat(line).matches(TIME + " PUBLISH \\$dps/registrations/PUT/iotdps-register/"
                    + "\\?\\$rid=7 \\$dps/registrations/res/\\d{3}/\\?\\$rid=7 " + DEVICE + " \\d+ms"));
            assertThat(lines).anySatisfy(line -> assertThat(line).matches(TIME
                    + " CONNECT - CONNACK-4 intruder \\d+ms \\(BAD_USERNAME_OR_PASSWORD: user name 'intruder' is not .+\\)"));
            assertThat(lines).as("a probe's GET /health is not logged").noneMatch(line -> line.contains("/health"));
            for (String secret : List.of(key, signature(dpsToken), signature(hubToken), decoded(signature(dpsToken)),
                    decoded(signature(hubToken)), "SharedAccessSignature sr", "made-up-signature")) {
                assertThat(lines).as("no line holds %s", secret).noneMatch(line -> line.contains(secret));
            }
        }
    }

    /** CONNECT with the SAS token as the password, SUBSCRIBE, register: the DPS answers on its response topic. */
    private static void registerOverMqtt(LocalSimulator simulator, String token) throws Exception {
        try (RawMqttWire wire = RawMqttWire.open(simulator.dpsMqttPort(), simulator.trustedRoot())) {
            wire.send(MqttMessageBuilders.connect().protocolVersion(MqttVersion.MQTT_3_1_1).clientId(DEVICE).cleanSession(true)
                            .keepAlive(60).username(simulator.idScope() + "/registrations/" + DEVICE + "/api-version=2019-03-31")
                            .password(token.getBytes(StandardCharsets.UTF_8)).build(),
                    MqttMessageBuilders.subscribe().messageId(1).addSubscription(MqttQoS.AT_LEAST_ONCE, "$dps/registrations/res/#").build(),
                    MqttMessageBuilders.publish().topicName("$dps/registrations/PUT/iotdps-register/?$rid=7").qos(MqttQoS.AT_LEAST_ONCE)
                            .messageId(2).retained(false).payload(Unpooled.wrappedBuffer(("{\"registrationId\":\"" + DEVICE + "\"}")
                                    .getBytes(StandardCharsets.UTF_8))).build(),
                    MqttMessage.DISCONNECT);
            wire.readUntilClosed(Duration.ofSeconds(10));
        }
    }

    /** A CONNECT whose user name is not a DPS one, with a made-up token: refused, and the token is not logged either. */
    private static void refusedOverMqtt(LocalSimulator simulator) throws Exception {
        try (RawMqttWire wire = RawMqttWire.open(simulator.dpsMqttPort(), simulator.trustedRoot())) {
            wire.send(MqttMessageBuilders.connect().protocolVersion(MqttVersion.MQTT_3_1_1).clientId("intruder").cleanSession(true)
                    .keepAlive(60).username("intruder")
                    .password("SharedAccessSignature sr=x&sig=made-up-signature&se=1".getBytes(StandardCharsets.UTF_8)).build());
            wire.readUntilClosed(Duration.ofSeconds(10));
        }
    }

    private void awaitLines(Predicate<String> last) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (lines.stream().noneMatch(last) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(lines).as("the log so far").anyMatch(last);
    }

    private static String signature(String token) {
        Matcher sig = Pattern.compile("sig=([^&]+)").matcher(token);
        assertThat(sig.find()).isTrue();
        return sig.group(1);
    }

    private static String decoded(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
