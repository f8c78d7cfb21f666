package dev.dpsrig.app.cli.serve;

import static dev.dpsrig.app.cli.CommandRun.dpsrig;
import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import dev.dpsrig.app.cli.CommandRun;
import dev.dpsrig.certs.TlsContexts;
import dev.dpsrig.emulator.client.DevSettings;
import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.protocol.settings.DevSettingsDocument;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dpsrig serve} chooses its layout, says which in one line, and writes settings real clients take as they are. */
class ServeCommandIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dataDir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void theSdkLayoutAdvertisesBareAddressesOn443() throws Exception {
        requireCanBind("127.0.78.1");

        String banner = serveUntilReady("serve", "--layout", "sdk", "--address", "127.0.78.1", "--in-memory",
                "--data-dir", dataDir.toString());

        assertThat(banner).contains("dpsrig: SDK-compatible layout").contains("DPS https://127.0.78.1 ")
                .contains("MQTT (TLS) and MQTT over WebSockets: DPS 127.0.78.1:8883 and wss://127.0.78.1/$iothub/websocket; hub "
                        + "dpsrig-hub 127.0.78.2:8883 and wss://127.0.78.2/$iothub/websocket");
        DevSettings settings = DevSettings.read(dataDir.resolve(DevSettings.FILE_NAME));
        assertThat(settings.globalEndpoint()).isEqualTo("127.0.78.1");
        assertThat(settings.connection().hostName()).isEqualTo("127.0.78.1");
        assertThat(settings.trustedRootCertificate()).isRegularFile();
        assertThat(dataDir.resolve("state")).as("--in-memory keeps no state, only settings and TLS").doesNotExist();
    }

    @Test
    void aPortOnTheCommandLineMeansThePortLayoutAndSaysSo() throws Exception {
        String banner = serveUntilReady("serve", "--port", "0", "--in-memory", "--data-dir", dataDir.toString());

        assertThat(banner).contains("dpsrig: port layout").contains("(--port given)");
        assertThat(DevSettings.read(dataDir.resolve(DevSettings.FILE_NAME)).globalEndpoint()).matches("localhost:\\d+");
    }

    @Test
    void anMqttPortPutsTheDpsOnItAndEachHubOnThePortsAfterIt() throws Exception {
        int mqttPort = freeRunOfThreePorts();
        String banner = serveUntilReady("serve", "--port", "0", "--mqtt-port", String.valueOf(mqttPort), "--hub", "hub-a",
                "--hub", "hub-b", "--in-memory", "--data-dir", dataDir.toString());

        assertThat(banner).contains("(--port, --mqtt-port given)");
        DevSettingsDocument settings;
        try (JsonReader reader = Jsonp.createReader(Files.newBufferedReader(dataDir.resolve(DevSettings.FILE_NAME)))) {
            settings = DevSettingsDocument.fromJson(reader.readObject());
        }
        assertThat(settings.dpsMqttEndpoint()).contains("localhost:" + mqttPort);
        assertThat(settings.hubs()).extracting(hub -> hub.mqttEndpoint().orElseThrow())
                .containsExactly("localhost:" + (mqttPort + 1), "localhost:" + (mqttPort + 2));
    }

    /**
     * The first of three consecutive free ports, below the ephemeral range: a port the kernel hands out for
     * {@code bind(0)} and outgoing connections could be taken by another build on this machine between the probe
     * and the simulator's start, the ones after it all the more.
     */
    private static int freeRunOfThreePorts() throws IOException {
        Random random = new Random();
        for (int attempt = 0; attempt < 100; attempt++) {
            int first = 20_000 + random.nextInt(10_000);
            try (ServerSocket a = new ServerSocket(first); ServerSocket b = new ServerSocket(first + 1);
                    ServerSocket c = new ServerSocket(first + 2)) {
                return first;
            } catch (IOException taken) {
                // try another run
            }
        }
        throw new IOException("no three consecutive free ports between 20000 and 30002");
    }

    @Test
    void withThePublishedKeyItSaysSoInOneLine() throws Exception {
        String banner = serveUntilReady("serve", "--port", "0", "--in-memory", "--data-dir", dataDir.toString());

        assertThat(banner.lines().filter(line -> line.contains("published development key")).toList()).singleElement(as(STRING))
                .contains("the service API and the admin API").contains("--service-key and --admin-key");
    }

    @Test
    void withKeysOfItsOwnItSaysNothingOfTheKindAndTheAdminCommandsFindTheAdminKey() throws Exception {
        String serviceKey = java.util.Base64.getEncoder().encodeToString("a service key for this one bench".getBytes());
        String adminKey = java.util.Base64.getEncoder().encodeToString("and an admin key of its own, too".getBytes());
        AtomicReference<CommandRun> faults = new AtomicReference<>();

        String banner = serveUntilReady(() -> faults.set(dpsrig("faults", "list", "--data-dir", dataDir.toString())),
                "serve", "--port", "0", "--in-memory", "--data-dir", dataDir.toString(), "--service-key", serviceKey, "--admin-key", adminKey);

        assertThat(banner).doesNotContain("published development key");
        assertThat(DevSettings.read(dataDir.resolve(DevSettings.FILE_NAME)).adminKey()).contains(adminKey);
        assertThat(faults.get().exitCode()).as("dpsrig faults list: %s", faults.get().err()).isZero();
    }

    @Test
    void anAddressAnotherProcessHoldsIsOneLineNotAFallBack() throws Exception {
        requireCanBind("127.0.79.1");
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.79.1", 443));

            CommandRun run = dpsrig("serve", "--address", "127.0.79.1", "--in-memory", "--data-dir", dataDir.toString());

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err().lines().toList()).singleElement(as(STRING))
                    .startsWith("dpsrig serve: cannot listen on 127.0.79.1:443")
                    .contains("already listens there")
                    .contains("--address");
        }
    }

    @Test
    void aPortAnotherProcessHoldsInThePortsLayoutIsOneLineNamingItAndExitCode1() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = taken.getLocalPort();

            CommandRun run = dpsrig("serve", "--port", Integer.toString(port), "--in-memory", "--data-dir", dataDir.toString());

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err().lines().toList()).singleElement(as(STRING))
                    .isEqualTo("dpsrig serve: cannot listen on 127.0.0.1:" + port + " for the DPS: another process (another"
                            + " `dpsrig serve`?) already listens there; stop it, or pick another --port (0: any free one)");
        }
    }

    @Test
    void theReadyLineComesLastAndHealthAnswersReadyByThen() throws Exception {
        AtomicReference<HttpResponse<String>> health = new AtomicReference<>();
        String banner = serveUntilReady(() -> health.set(health()), "serve", "--port", "0", "--in-memory", "--data-dir", dataDir.toString());

        assertThat(banner.lines().toList().getLast()).startsWith("dpsrig: ready: DPS https://localhost:")
                .contains("/health; settings in " + dataDir.resolve(DevSettings.FILE_NAME));
        assertThat(health.get().statusCode()).isEqualTo(200);
        assertThat(health.get().body()).isEqualTo("{\"status\":\"ready\",\"endpoint\":\"dps\"}");
    }

    @Test
    void strictAndLoggingItRefusesAnUnknownApiVersionAndLogsItWithoutTheSignature() throws Exception {
        AtomicReference<HttpResponse<String>> refused = new AtomicReference<>();
        String printed = serveUntilReady(() -> {
                    refused.set(get("/enrollments/e-1?api-version=2099-01-01&sig=secret-signature"));
                    awaitPrinted(" GET /enrollments/");
                },
                "serve", "--port", "0", "--in-memory", "--data-dir", dataDir.toString(), "--strict", "--log", "requests");

        assertThat(refused.get().statusCode()).isEqualTo(400);
        assertThat(printed.lines().filter(line -> line.contains(" GET /enrollments/")).toList()).singleElement(as(STRING))
                .matches("\\S+Z GET /enrollments/e-1\\?api-version=2099-01-01&sig=<redacted> 400 - \\d+ms");
        assertThat(printed).doesNotContain("secret-signature");
    }

    @Test
    void logTakesOnlyRequests() {
        CommandRun run = dpsrig("serve", "--port", "0", "--in-memory", "--data-dir", dataDir.toString(), "--log", "everything");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines().toList()).singleElement(as(STRING))
                .isEqualTo("dpsrig serve: --log takes 'requests', not 'everything'; see 'dpsrig serve --help'");
    }

    /** Waits a while for {@code text} on stdout: a request's log line is written once its answer went out. */
    private void awaitPrinted(String text) {
        Instant deadline = Instant.now().plus(WAIT);
        while (!out.toString().contains(text) && Instant.now().isBefore(deadline)) {
            Thread.onSpinWait();
        }
    }

    /** {@code GET /health} on the DPS as a container probe would, trusting the root the settings name. */
    private HttpResponse<String> health() {
        return get("/health");
    }

    /** {@code GET path} on the DPS, trusting the root the settings name. */
    private HttpResponse<String> get(String path) {
        DevSettings settings = DevSettings.read(dataDir.resolve(DevSettings.FILE_NAME));
        try {
            HttpClient client = HttpClient.newBuilder().sslContext(TlsContexts.client(settings.trustedRoots())).build();
            return client.send(HttpRequest.newBuilder(URI.create("https://" + settings.globalEndpoint() + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void requireCanBind(String address) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(address, 443));
        } catch (IOException e) {
            fail("binding " + address + ":443 needs root, CAP_NET_BIND_SERVICE or net.ipv4.ip_unprivileged_port_start=443 (" + e.getMessage() + ")");
        }
    }

    /** Runs {@code dpsrig serve} on a thread until its ready line, stops it, and returns what it printed. */
    private String serveUntilReady(String... args) throws Exception {
        return serveUntilReady(() -> { }, args);
    }

    /** As {@link #serveUntilReady(String...)}, running {@code whileServing} once it is ready, before stopping it. */
    private String serveUntilReady(Runnable whileServing, String... args) throws Exception {
        Thread serve = Thread.ofPlatform().name("serve").start(() -> dpsrig(out, err, args));
        Instant deadline = Instant.now().plus(WAIT);
        try {
            while (!out.toString().contains(ServeBanner.READY) && serve.isAlive() && Instant.now().isBefore(deadline)) {
                Thread.sleep(50);
            }
            assertThat(out.toString()).as("stdout; stderr: %s", err).contains(ServeBanner.READY);
            assertThat(Files.isRegularFile(dataDir.resolve(DevSettings.FILE_NAME))).isTrue();
            whileServing.run();
            return out.toString();
        } finally {
            serve.interrupt();
            serve.join(WAIT);
        }
    }
}
