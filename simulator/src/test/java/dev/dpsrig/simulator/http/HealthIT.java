package dev.dpsrig.simulator.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dpsrig.certs.TlsContexts;
import dev.dpsrig.simulator.quota.QuotaProfile;
import dev.dpsrig.simulator.server.LocalSimulator;
import dev.dpsrig.simulator.server.SimulatorConfig;
import io.helidon.webserver.WebServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code GET /health}: what a script or a container runtime waits for before it sends the simulator anything. */
class HealthIT {

    @Test
    void dpsAndEveryHubAnswerReadyUnauthenticatedOnIpv4AndIpv6() throws Exception {
        int port = StartupIT.freePortPair();
        SimulatorConfig config = SimulatorConfig.builder().dpsPort(port).assignmentDelay(Duration.ZERO)
                // Every registration over its quota at once: the health check is no registration and counts against none.
                .quotaProfile(QuotaProfile.parse("registrations=1/min,operations=1/min")).build();
        try (LocalSimulator simulator = LocalSimulator.start(config)) {
            HttpClient client = HttpClient.newBuilder().sslContext(TlsContexts.client(List.of(simulator.trustedRoot())))
                    .connectTimeout(Duration.ofSeconds(5)).build();
            String hub = simulator.hubs().getFirst().hostName();
            for (String authority : List.of("localhost:" + port, "[::1]:" + port, hub, "[::1]:" + (port + 1))) {
                for (int i = 0; i < 5; i++) {
                    HttpResponse<String> health = get(client, "https://" + authority + "/health");

                    assertThat(health.statusCode()).as(authority).isEqualTo(200);
                    assertThat(health.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
                    assertThat(json(health.body()).getString("status")).isEqualTo("ready");
                }
            }
            assertThat(json(get(client, "https://localhost:" + port + "/health").body()).getString("endpoint")).isEqualTo("dps");
            assertThat(json(get(client, "https://" + hub + "/health").body()).getString("endpoint"))
                    .isEqualTo("hub " + SimulatorConfig.DEFAULT_HUB);
        }
    }

    @Test
    void beforeTheSimulatorIsReadyHealthIs503AtOnceInThePortsFormat() throws Exception {
        StartupGate gate = new StartupGate(Duration.ofSeconds(30));
        WebServer dps = WebServer.builder().port(0).routing(routing -> routing
                .addFilter(gate.healthOfDps(new JsonResponses(Clock.systemUTC())))
                .addFilter(gate.forDps(new JsonResponses(Clock.systemUTC())))
                .any((request, response) -> response.send("served"))).build().start();
        WebServer hub = WebServer.builder().port(0).routing(routing -> routing
                .addFilter(gate.healthOfHub("h1", new HubResponses(Clock.systemUTC())))
                .any((request, response) -> response.send("served"))).build().start();
        try {
            HttpClient client = HttpClient.newHttpClient();
            long started = System.nanoTime();
            HttpResponse<String> dpsStarting = get(client, "http://localhost:" + dps.port() + "/health");
            HttpResponse<String> hubStarting = get(client, "http://localhost:" + hub.port() + "/health");

            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("not held by the gate").isLessThan(Duration.ofSeconds(10));
            assertThat(dpsStarting.statusCode()).isEqualTo(503);
            assertThat(dpsStarting.headers().firstValue("Retry-After")).contains("1");
            assertThat(json(dpsStarting.body()).getInt("errorCode")).isEqualTo(503001);
            assertThat(hubStarting.statusCode()).isEqualTo(503);
            assertThat(hubStarting.headers().firstValue("iothub-errorcode")).contains("ServiceUnavailable");

            gate.open();

            assertThat(json(get(client, "http://localhost:" + dps.port() + "/health").body()))
                    .isEqualTo(json("{\"status\":\"ready\",\"endpoint\":\"dps\"}"));
            assertThat(json(get(client, "http://localhost:" + hub.port() + "/health").body()))
                    .isEqualTo(json("{\"status\":\"ready\",\"endpoint\":\"hub h1\"}"));
            assertThat(get(client, "http://localhost:" + dps.port() + "/other").body()).isEqualTo("served");
        } finally {
            dps.stop();
            hub.stop();
        }
    }

    private static HttpResponse<String> get(HttpClient client, String uri) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(20)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }
}
