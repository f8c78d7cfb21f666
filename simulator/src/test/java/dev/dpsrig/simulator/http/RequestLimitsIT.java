package dev.dpsrig.simulator.http;

import static dev.dpsrig.simulator.http.DpsAssertions.assertDpsError;
import static dev.dpsrig.simulator.http.HubAssertions.assertHubError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dpsrig.simulator.server.LocalSimulator;
import dev.dpsrig.simulator.server.SimulatorConfig;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The limits every port applies before authentication or parsing, over real TLS connections: a
 * request line or header section too long, a body over its API's limit (declared, or chunked and
 * found while reading), each refused in its API's error format without the body being read; and
 * credentials checked before a large body is read.
 */
class RequestLimitsIT {
    /** A quarter of a gigabyte: what a hostile client declares, and trickles in to see whether the server waits for it. */
    private static final long HUGE = 256L * 1024 * 1024;
    /** What the client may have sent by the time it is refused: a small fraction of the body, whatever the machine's speed. */
    private static final long MUCH_LESS_THAN_HUGE = HUGE / 64;
    private static final int PIECE = 16 * 1024;
    private static final Duration PAUSE = Duration.ofMillis(50);

    @TempDir
    Path dir;

    private LocalSimulator simulator;
    private DeviceHttp http;

    @BeforeEach
    void start() {
        simulator = LocalSimulator.start(SimulatorConfig.forTests());
        http = new DeviceHttp(simulator);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void aRequestLineOverFourKilobytesIs414InTheDpsFormat() {
        try (RawHttps connection = RawHttps.connect(simulator, simulator.globalEndpoint())) {
            connection.send("GET /enrollments/" + "a".repeat(5000) + " HTTP/1.1\r\nHost: " + simulator.globalEndpoint() + "\r\n\r\n");

            CurlResponse refused = connection.read().asCurl();

            assertDpsError(refused, 414, 414001, "the request line is longer than 4096 bytes");
            assertThat(connection.closedByServer()).isTrue();
        }
    }

    @Test
    void headersOverSixteenKilobytesAre400InTheHubFormat() {
        String hub = http.hubHostName();
        try (RawHttps connection = RawHttps.connect(simulator, hub)) {
            connection.send("POST /devices/d/messages/events HTTP/1.1\r\nHost: " + hub + "\r\n"
                    + "iothub-app-padding: " + "p".repeat(20_000) + "\r\nContent-Length: 2\r\n\r\n{}");

            CurlResponse refused = connection.read().asCurl();

            assertHubError(refused, 400, "ArgumentInvalid", 400004, "the request could not be read as HTTP/1.1");
        }
    }

    @Test
    void aRegisterBodyDeclaredOverTheDpsLimitIs413BeforeAnyCredentialIsLookedAt() {
        try (RawHttps connection = RawHttps.connect(simulator, simulator.globalEndpoint())) {
            connection.send(registerHead("no-such-device", "Content-Length: " + (96 * 1024 + 1)));

            CurlResponse refused = connection.read().asCurl();

            assertDpsError(refused, 413, 413001,
                    "the request body of 98305 bytes exceeds the 98304-byte limit of the DPS device API");
            assertThat(refused.header("Connection")).contains("close");
            assertThat(connection.closedByServer()).isTrue();
        }
    }

    @Test
    void aQuarterGigabyteRegisterIsRefusedBeforeTheClientHasSentMuchOfIt() throws InterruptedException {
        try (RawHttps connection = RawHttps.connect(simulator, simulator.globalEndpoint())) {
            connection.send(registerHead("device-01", "Content-Length: " + HUGE));
            Thread writer = connection.trickle(HUGE, PIECE, PAUSE, false);

            RawHttps.Response refused = connection.read();
            long sentWhenRefused = connection.sent();

            assertDpsError(refused.asCurl(), 413, 413001, "the request body of 268435456 bytes exceeds the 98304-byte limit");
            assertThat(sentWhenRefused).as("bytes the client had sent when the 413 came").isLessThan(MUCH_LESS_THAN_HUGE);
            assertThat(connection.closedByServer()).isTrue();
            writer.join(Duration.ofSeconds(30));
            assertThat(connection.sent()).as("the client could not go on sending").isLessThan(MUCH_LESS_THAN_HUGE);
        }
    }

    /**
     * A client that writes its whole body before it reads (as curl does with a file) still gets the 413: the server
     * drains what it sends for a while before closing, where closing at once on unread bytes would reset the
     * connection, fail the client's upload and lose the answer with it.
     */
    @Test
    void aClientThatSendsAllOfAnOverlargeMessageBeforeReadingStillGetsThe413() throws Exception {
        http.provision("eager");
        String hub = http.hubHostName();
        byte[] body = new byte[8 * 1024 * 1024];
        try (RawHttps connection = RawHttps.connect(simulator, hub)) {
            connection.send("POST /devices/eager/messages/events?api-version=" + DeviceHttp.HUB_API_VERSION + " HTTP/1.1\r\n"
                    + "Host: " + hub + "\r\nAuthorization: " + http.hubToken("eager") + "\r\n"
                    + "Content-Type: application/octet-stream\r\nContent-Length: " + body.length + "\r\n\r\n");
            java.util.concurrent.CompletableFuture<Void> upload = java.util.concurrent.CompletableFuture.runAsync(
                    () -> connection.send(body), java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());

            assertThat(upload).as("the upload of 8 MB (a reset would fail it, as curl fails: 'failed sending data')")
                    .succeedsWithin(Duration.ofSeconds(30));
            RawHttps.Response refused = connection.read();

            assertHubError(refused.asCurl(), 413, "MessageTooLarge", 413001, "exceeds the 262144-byte limit");
        }
        assertThat(simulator.iotHubs().getFirst().messages()).isEmpty();
    }

    @Test
    void aQuarterGigabyteChunkedMessageIsRefusedOnceItPassesTheHubLimit() throws InterruptedException {
        http.provision("sender");
        String hub = http.hubHostName();
        try (RawHttps connection = RawHttps.connect(simulator, hub)) {
            connection.send("POST /devices/sender/messages/events?api-version=" + DeviceHttp.HUB_API_VERSION + " HTTP/1.1\r\n"
                    + "Host: " + hub + "\r\nAuthorization: " + http.hubToken("sender") + "\r\n"
                    + "Content-Type: application/octet-stream\r\nTransfer-Encoding: chunked\r\n\r\n");
            Thread writer = connection.trickle(HUGE, PIECE, Duration.ofMillis(5), true);

            RawHttps.Response refused = connection.read();
            long sentWhenRefused = connection.sent();

            assertHubError(refused.asCurl(), 413, "MessageTooLarge", 413001, "the request body exceeds the 262144-byte limit");
            assertThat(sentWhenRefused).isLessThan(MUCH_LESS_THAN_HUGE);
            assertThat(connection.closedByServer()).isTrue();
            writer.join(Duration.ofSeconds(30));
            assertThat(simulator.iotHubs().getFirst().messages()).isEmpty();
        }
    }

    @Test
    void aChunkedRegisterWithoutCredentialsIsRefusedWithoutReadingItsBody() throws InterruptedException {
        try (RawHttps connection = RawHttps.connect(simulator, simulator.globalEndpoint())) {
            connection.send(registerHead("device-01", "Transfer-Encoding: chunked"));
            Thread writer = connection.trickle(HUGE, PIECE, PAUSE, true);

            RawHttps.Response refused = connection.read();

            assertDpsError(refused.asCurl(), 401, 401002, "no credentials");
            assertThat(connection.sent()).isLessThan(MUCH_LESS_THAN_HUGE);
            assertThat(connection.closedByServer()).as("the unread body is not drained").isTrue();
            writer.join(Duration.ofSeconds(30));
        }
    }

    @Test
    void aChunkedHubMessageForADeviceThatIsNotThereIsRefusedWithoutReadingItsBody() throws InterruptedException {
        String hub = http.hubHostName();
        try (RawHttps connection = RawHttps.connect(simulator, hub)) {
            connection.send("POST /devices/nobody/messages/events?api-version=" + DeviceHttp.HUB_API_VERSION + " HTTP/1.1\r\n"
                    + "Host: " + hub + "\r\nContent-Type: application/vnd.microsoft.iothub.json\r\nTransfer-Encoding: chunked\r\n\r\n");
            Thread writer = connection.trickle(HUGE, PIECE, PAUSE, true);

            RawHttps.Response refused = connection.read();

            assertHubError(refused.asCurl(), 401, "IotHubUnauthorized", 401003, "does not contain the specified device 'nobody'");
            assertThat(connection.sent()).isLessThan(MUCH_LESS_THAN_HUGE);
            writer.join(Duration.ofSeconds(30));
        }
    }

    @Test
    void aServiceApiBodyOverItsLimitIs413EvenWithTheServiceKey() {
        DpsClient client = new DpsClient(simulator, dir);
        long size = 1024 * 1024 + 1;
        try (RawHttps connection = RawHttps.connect(simulator, simulator.globalEndpoint())) {
            connection.send("PUT /enrollments/big HTTP/1.1\r\nHost: " + simulator.globalEndpoint() + "\r\n"
                    + "Authorization: " + client.serviceAuthorization(simulator.serviceKey()) + "\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + size + "\r\n\r\n");

            assertDpsError(connection.read().asCurl(), 413, 413001,
                    "the request body of 1048577 bytes exceeds the 1048576-byte limit of the DPS service API");
        }
        assertThat(simulator.service().enrollments()).isEmpty();
    }

    @Test
    void anAdminBodyOverItsLimitIs413() {
        try (RawHttps connection = RawHttps.connect(simulator, simulator.globalEndpoint())) {
            connection.send("POST /dpsrig/faults HTTP/1.1\r\nHost: " + simulator.globalEndpoint() + "\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + (2L * 1024 * 1024) + "\r\n\r\n");

            assertDpsError(connection.read().asCurl(), 413, 413001, "exceeds the 1048576-byte limit of the simulator's /dpsrig API");
        }
    }

    @Test
    void aHubBatchDeclaredOverTheBatchLimitIs413() {
        http.provision("batcher");
        String hub = http.hubHostName();
        try (RawHttps connection = RawHttps.connect(simulator, hub)) {
            connection.send("POST /devices/batcher/messages/events HTTP/1.1\r\nHost: " + hub + "\r\n"
                    + "Authorization: " + http.hubToken("batcher") + "\r\n"
                    + "Content-Type: application/vnd.microsoft.iothub.json\r\nContent-Length: " + (512 * 1024 + 1) + "\r\n\r\n");

            assertHubError(connection.read().asCurl(), 413, "MessageTooLarge", 413001,
                    "the request body of 524289 bytes exceeds the 524288-byte limit");
        }
    }

    private String registerHead(String registrationId, String framing) {
        return "PUT /" + simulator.idScope() + "/registrations/" + registrationId + "/register?api-version="
                + DeviceHttp.DEVICE_API_VERSION + " HTTP/1.1\r\nHost: " + simulator.globalEndpoint() + "\r\n"
                + "Content-Type: application/json\r\n" + framing + "\r\n\r\n";
    }
}
