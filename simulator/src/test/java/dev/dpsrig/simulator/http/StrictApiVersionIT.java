package dev.dpsrig.simulator.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dpsrig.certs.TlsContexts;
import dev.dpsrig.simulator.mqtt.RawMqttWire;
import dev.dpsrig.simulator.server.LocalSimulator;
import dev.dpsrig.simulator.server.SimulatorConfig;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttVersion;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code --strict} (Azurite's word): every device and service API refuses a missing or unknown {@code api-version} as
 * Azure does, over HTTPS and in the MQTT user name; the default takes any.
 */
class StrictApiVersionIT {
    private static final String UNKNOWN = "2099-01-01";

    private static LocalSimulator strict;
    private static LocalSimulator loose;
    private static HttpClient strictClient;
    private static HttpClient looseClient;

    @BeforeAll
    static void start() {
        strict = LocalSimulator.start(SimulatorConfig.builder().strictApiVersions().build());
        loose = LocalSimulator.start(SimulatorConfig.builder().build());
        strictClient = client(strict);
        looseClient = client(loose);
    }

    @AfterAll
    static void stop() {
        strict.close();
        loose.close();
    }

    @Test
    void theDpsDeviceApiRefusesAnUnknownOrMissingVersionWith400004() throws Exception {
        String register = "/" + SimulatorConfig.DEFAULT_ID_SCOPE + "/registrations/dev-1/register";

        HttpResponse<String> unknown = put(strictClient, strict.dpsBaseUrl() + register + "?api-version=" + UNKNOWN);
        HttpResponse<String> missing = put(strictClient, strict.dpsBaseUrl() + register);
        HttpResponse<String> known = put(strictClient, strict.dpsBaseUrl() + register + "?api-version=2021-06-01");

        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.headers().firstValue("x-ms-error-code")).contains("400004");
        assertThat(json(unknown.body()).getInt("errorCode")).isEqualTo(400004);
        assertThat(json(unknown.body()).getString("message")).startsWith("Unsupported API version " + UNKNOWN + ".")
                .contains("2019-03-31", "2021-06-01");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(json(missing.body()).getString("message")).startsWith("The api-version query parameter is missing.");
        assertThat(known.statusCode()).as("a known version goes on to authentication").isEqualTo(401);
    }

    @Test
    void theDpsServiceApiRefusesAnUnknownVersionBeforeItsCredentials() throws Exception {
        HttpResponse<String> unknown = get(strictClient, strict.dpsBaseUrl() + "/enrollments/e-1?api-version=" + UNKNOWN);
        HttpResponse<String> known = get(strictClient, strict.dpsBaseUrl() + "/enrollments/e-1?api-version=2021-10-01");

        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown.body()).getString("message")).startsWith("Unsupported API version " + UNKNOWN + ".")
                .contains("The DPS service API takes");
        assertThat(known.statusCode()).isEqualTo(401);
    }

    @Test
    void aHubRefusesAnUnknownVersionWithInvalidProtocolVersion() throws Exception {
        String events = "https://" + strict.hubs().getFirst().hostName() + "/devices/d-1/messages/events";

        HttpResponse<String> unknown = post(strictClient, events + "?api-version=" + UNKNOWN);
        HttpResponse<String> known = post(strictClient, events + "?api-version=2021-04-12");

        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.headers().firstValue("iothub-errorcode")).contains("InvalidProtocolVersion");
        assertThat(json(json(unknown.body()).getString("Message")).getInt("errorCode")).isEqualTo(400001);
        assertThat(known.statusCode()).isEqualTo(401);
    }

    @Test
    void theDefaultTakesAnyVersionOrNone() throws Exception {
        String register = "/" + SimulatorConfig.DEFAULT_ID_SCOPE + "/registrations/dev-1/register";

        assertThat(put(looseClient, loose.dpsBaseUrl() + register + "?api-version=" + UNKNOWN).statusCode()).isEqualTo(401);
        assertThat(put(looseClient, loose.dpsBaseUrl() + register).statusCode()).isEqualTo(401);
        assertThat(post(looseClient, "https://" + loose.hubs().getFirst().hostName() + "/devices/d-1/messages/events?api-version="
                + UNKNOWN).statusCode()).isEqualTo(401);
    }

    @Test
    void anMqttConnectGivingAnUnknownVersionIsRefusedWithReturnCode1() throws Exception {
        String scope = SimulatorConfig.DEFAULT_ID_SCOPE;
        int hubPort = port(strict.hubMqttEndpoint(SimulatorConfig.DEFAULT_HUB));
        String hubHost = strict.hubs().getFirst().hostName();

        assertThat(connack(strict, strict.dpsMqttPort(), "dev-1", scope + "/registrations/dev-1/api-version=" + UNKNOWN)).isEqualTo(1);
        assertThat(connack(strict, hubPort, "d-1", hubHost + "/d-1/?api-version=" + UNKNOWN)).isEqualTo(1);
        assertThat(connack(strict, strict.dpsMqttPort(), "dev-1", scope + "/registrations/dev-1/api-version=2019-03-31&ClientVersion=x"))
                .as("a known version goes on to authentication").isNotEqualTo(1).isNotZero();
        assertThat(connack(strict, hubPort, "d-1", hubHost + "/d-1/?api-version=2021-04-12")).isNotEqualTo(1).isNotZero();
        assertThat(connack(loose, loose.dpsMqttPort(), "dev-1", scope + "/registrations/dev-1/api-version=" + UNKNOWN))
                .isNotEqualTo(1).isNotZero();
    }

    /** The CONNACK return code of a CONNECT with {@code username} and no password. */
    private static int connack(LocalSimulator simulator, int port, String clientId, String username) throws IOException {
        try (RawMqttWire wire = RawMqttWire.open(port, simulator.trustedRoot())) {
            wire.send(MqttMessageBuilders.connect().protocolVersion(MqttVersion.MQTT_3_1_1).clientId(clientId).cleanSession(true)
                    .keepAlive(60).username(username).build());
            List<MqttMessage> received = wire.readUntilClosed(Duration.ofSeconds(10));
            return ((MqttConnAckMessage) received.getFirst()).variableHeader().connectReturnCode().byteValue();
        }
    }

    private static int port(String authority) {
        return Integer.parseInt(authority.substring(authority.lastIndexOf(':') + 1));
    }

    private static HttpClient client(LocalSimulator simulator) {
        return HttpClient.newBuilder().sslContext(TlsContexts.client(List.of(simulator.trustedRoot())))
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static HttpResponse<String> put(HttpClient client, String uri) throws IOException, InterruptedException {
        return send(client, HttpRequest.newBuilder(URI.create(uri)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"registrationId\":\"dev-1\"}")));
    }

    private static HttpResponse<String> post(HttpClient client, String uri) throws IOException, InterruptedException {
        return send(client, HttpRequest.newBuilder(URI.create(uri)).POST(HttpRequest.BodyPublishers.ofString("hello")));
    }

    private static HttpResponse<String> get(HttpClient client, String uri) throws IOException, InterruptedException {
        return send(client, HttpRequest.newBuilder(URI.create(uri)).GET());
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }
}
