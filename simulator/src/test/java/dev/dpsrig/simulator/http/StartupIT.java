package dev.dpsrig.simulator.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dpsrig.certs.TlsContexts;
import dev.dpsrig.protocol.SasToken;
import dev.dpsrig.simulator.server.LocalSimulator;
import dev.dpsrig.simulator.server.SimulatorConfig;
import io.helidon.webserver.WebServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A simulator on a populated data directory answers its first requests as a running one does. */
class StartupIT {
    private static final String DEVICE = "never-registered";
    private static final int ENROLLMENTS = 5_000;

    @TempDir
    Path dataDir;

    @Test
    void requestsArrivingAsAPopulatedSimulatorStartsAreServedNotRefused() throws Exception {
        X509Certificate root;
        String key;
        try (LocalSimulator first = start(0)) {
            key = Enrollments.keysOf(first.service().putEnrollment(DEVICE, Enrollments.symmetricKey(), Optional.empty())
                    .attestation()).primaryKey();
            first.service().putEnrollment("startup-0", Enrollments.symmetricKey(), Optional.empty());
            root = first.trustedRoot();
        }
        // Thousands more, copied on disk rather than made one by one: enough that reading them takes a while.
        Path enrollments = dataDir.resolve("state").resolve("enrollments");
        String template = Files.readString(enrollments.resolve("startup-0.json"));
        for (int i = 1; i < ENROLLMENTS; i++) {
            Files.writeString(enrollments.resolve("startup-" + i + ".json"), template.replace("startup-0", "startup-" + i));
        }
        int port = freePortPair();
        HttpClient client = HttpClient.newBuilder().sslContext(TlsContexts.client(List.of(root)))
                .connectTimeout(Duration.ofSeconds(5)).build();
        // A status lookup of an enrolled device that never registered: authenticated by the DPS itself, then 404.
        String path = SimulatorConfig.DEFAULT_ID_SCOPE + "/registrations/" + DEVICE;
        HttpRequest probe = HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/" + path + "?api-version=2021-06-01"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", SasToken.sign(path, key, Instant.now().plus(Duration.ofHours(1)),
                        Optional.of("registration")).toAuthorizationHeader())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(DpsClient.registrationBody(DEVICE))).build();
        List<Object> answers = new CopyOnWriteArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        Thread prober = Thread.ofVirtual().start(() -> {
            while (!stop.get()) {
                try {
                    answers.add(client.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode());
                } catch (ConnectException notYetListening) {
                    Thread.onSpinWait();
                } catch (IOException e) {
                    // Before the first answer, a connection can meet the socket that checks the port is free.
                    if (!answers.isEmpty()) {
                        answers.add(e.toString());
                    }
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        try (LocalSimulator restarted = start(port)) {
            assertThat(restarted.service().enrollments()).hasSize(ENROLLMENTS + 1);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (answers.size() < 20 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            stop.set(true);
            prober.join(Duration.ofSeconds(30));
        } finally {
            stop.set(true);
        }

        assertThat(answers).as("every answer, from the first, is the 404 of a running DPS").isNotEmpty().containsOnly(404);
    }

    @Test
    void requestHeldLongerThanTheGateWaitsIsAnswered503WithRetryAfterInThePortsFormat() throws Exception {
        StartupGate gate = new StartupGate(Duration.ofMillis(50));
        WebServer dps = WebServer.builder().port(0).routing(routing -> routing
                .addFilter(gate.forDps(new JsonResponses(Clock.systemUTC())))
                .any((request, response) -> response.send("served"))).build().start();
        WebServer hub = WebServer.builder().port(0).routing(routing -> routing
                .addFilter(gate.forHub(new HubResponses(Clock.systemUTC())))
                .any((request, response) -> response.send("served"))).build().start();
        try {
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<String> dpsRefused = get(client, dps.port());
            HttpResponse<String> hubRefused = get(client, hub.port());

            assertThat(dpsRefused.statusCode()).isEqualTo(503);
            assertThat(dpsRefused.headers().firstValue("Retry-After")).contains("1");
            assertThat(dpsRefused.headers().firstValue("x-ms-error-code")).contains("503001");
            assertThat(json(dpsRefused.body()).getInt("errorCode")).isEqualTo(503001);
            assertThat(json(dpsRefused.body()).getString("message")).contains("starting");
            assertThat(hubRefused.statusCode()).isEqualTo(503);
            assertThat(hubRefused.headers().firstValue("Retry-After")).contains("1");
            assertThat(hubRefused.headers().firstValue("iothub-errorcode")).contains("ServiceUnavailable");
            assertThat(json(json(hubRefused.body()).getString("Message")).getInt("errorCode")).isEqualTo(503001);

            gate.open();

            assertThat(get(client, dps.port()).body()).isEqualTo("served");
            assertThat(get(client, hub.port()).body()).isEqualTo("served");
        } finally {
            dps.stop();
            hub.stop();
        }
    }

    private LocalSimulator start(int port) {
        return LocalSimulator.start(SimulatorConfig.builder().dataDirectory(dataDir).dpsPort(port)
                .assignmentDelay(Duration.ZERO).build());
    }

    /** A free port whose successor is free too: the DPS and, by default, its hub. */
    static int freePortPair() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket dps = new ServerSocket(0)) {
                try (ServerSocket hub = new ServerSocket(dps.getLocalPort() + 1)) {
                    return dps.getLocalPort();
                } catch (IOException taken) {
                    // try another
                }
            }
        }
        throw new IOException("no two consecutive free ports found");
    }

    private static HttpResponse<String> get(HttpClient client, int port) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/anything")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }
}
