package dev.dpsrig.simulator.http;

import static dev.dpsrig.simulator.http.HubAssertions.assertHubError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dpsrig.simulator.server.LocalSimulator;
import dev.dpsrig.simulator.server.SimulatorConfig;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Request bodies that end badly, over raw TLS connections. A request answered without its body being read (a
 * hub's receive, which takes no body) whose body then turns out misframed or cut short is answered whole, the
 * connection closed after it, and nothing logged. A chunked body whose first line cannot be a chunk size is refused
 * with 400 even when the client never ends that line. A body the client's stream ends inside closes the connection,
 * unanswered and unlogged.
 */
class BodiesCutShortIT {
    private LocalSimulator simulator;
    private DeviceHttp http;
    @RegisterExtension
    final LogCapture warnings = LogCapture.everything(Level.WARNING);

    @BeforeEach
    void start() {
        simulator = LocalSimulator.start(SimulatorConfig.forTests());
        http = new DeviceHttp(simulator);
        warnings.clear();
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void aReceiveWithAMisframedChunkedBodyIsAnsweredWholeThenClosedQuietly() {
        http.provision("misframed");
        try (RawHttps connection = RawHttps.connect(simulator, http.hubHostName())) {
            connection.send(receiveHead("misframed") + "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\nzz\r\nmore\r\n0\r\n\r\n");

            assertThat(connection.read().status()).isEqualTo(204);
            assertThat(connection.closedByServer()).as("a body that cannot be read past ends the connection").isTrue();
        }
        assertThat(warnings.records()).extracting(LogRecord::getMessage).isEmpty();
    }

    @Test
    void aReceiveWhoseBodyTheClientCutShortIsAnsweredWholeThenClosedQuietly() {
        http.provision("cut-receive");
        try (RawHttps connection = RawHttps.connect(simulator, http.hubHostName())) {
            connection.send(receiveHead("cut-receive") + "Content-Length: 100\r\n\r\n" + "x".repeat(10)).endOutput();

            assertThat(connection.read().status()).isEqualTo(204);
            assertThat(connection.closedByServer()).isTrue();
        }
        assertThat(warnings.records()).extracting(LogRecord::getMessage).isEmpty();
    }

    @Test
    void aChunkedBodyWhoseFirstLineCannotBeAChunkSizeIsRefusedWith400ThoughTheLineNeverEnds() {
        http.provision("unsized");
        try (RawHttps connection = RawHttps.connect(simulator, http.hubHostName())) {
            connection.send(sendHead("unsized") + "Transfer-Encoding: chunked\r\n\r\n{\"temperature\":21}").endOutput();

            assertHubError(connection.read().asCurl(), 400, "ArgumentInvalid", 400004,
                    "the chunk size '{\"temperature\":21}' is not a hexadecimal number of at most 8 digits");
            assertThat(connection.closedByServer()).isTrue();
        }
        assertThat(simulator.iotHubs().getFirst().messages()).isEmpty();
        assertThat(warnings.records()).extracting(LogRecord::getMessage).isEmpty();
    }

    /**
     * The client's close_notify ends the connection both ways in the web server's TLS, so no answer can follow; RFC 9112
     * (section 8) lets a server answer an incomplete message, and requires it to close.
     */
    @Test
    void aBodyTheClientEndsItsStreamInsideEndsTheConnectionQuietly() {
        http.provision("cut-send");
        try (RawHttps connection = RawHttps.connect(simulator, http.hubHostName())) {
            connection.send(sendHead("cut-send") + "Content-Length: 100\r\n\r\n" + "x".repeat(10)).endOutput();

            assertThat(connection.closedByServer()).isTrue();
        }
        try (RawHttps connection = RawHttps.connect(simulator, simulator.globalEndpoint())) {
            connection.send("PUT /" + simulator.idScope() + "/registrations/cut-send/register?api-version="
                    + DeviceHttp.DEVICE_API_VERSION + " HTTP/1.1\r\nHost: " + simulator.globalEndpoint() + "\r\n"
                    + "Authorization: " + http.dpsToken("cut-send") + "\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n").endOutput();

            assertThat(connection.closedByServer()).isTrue();
        }
        assertThat(simulator.iotHubs().getFirst().messages()).isEmpty();
        assertThat(warnings.records()).extracting(LogRecord::getMessage).isEmpty();
    }

    private String sendHead(String deviceId) {
        return "POST /devices/" + deviceId + "/messages/events?api-version=" + DeviceHttp.HUB_API_VERSION + " HTTP/1.1\r\n"
                + "Host: " + http.hubHostName() + "\r\nAuthorization: " + http.hubToken(deviceId) + "\r\n"
                + "Content-Type: application/octet-stream\r\n";
    }

    private String receiveHead(String deviceId) {
        return "GET /devices/" + deviceId + "/messages/deviceBound?api-version=" + DeviceHttp.HUB_API_VERSION + " HTTP/1.1\r\n"
                + "Host: " + http.hubHostName() + "\r\nAuthorization: " + http.hubToken(deviceId) + "\r\n";
    }
}
