package dev.dpsrig.simulator.http;

import static dev.dpsrig.simulator.http.DpsAssertions.assertDpsError;
import static dev.dpsrig.simulator.http.HubAssertions.assertHubError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dpsrig.simulator.server.LocalSimulator;
import dev.dpsrig.simulator.server.SimulatorConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP/1.x framing Helidon would mishandle, over raw TLS connections: broken chunked framing is a
 * 400 in the API's format and the connection is closed (a malformed or 20-digit chunk size, trailer
 * fields), never a 500; HTTP/1.0 requests are answered, closing the connection afterwards unless
 * the client asked to keep it.
 */
class FramingIT {
    @TempDir
    Path dir;

    private LocalSimulator simulator;
    private DpsClient client;
    private DeviceHttp http;

    @BeforeEach
    void start() {
        simulator = LocalSimulator.start(SimulatorConfig.forTests());
        client = new DpsClient(simulator, dir);
        http = new DeviceHttp(simulator);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Nested
    class BrokenChunkedFraming {
        @Test
        void aChunkSizeThatIsNotHex() {
            http.provision("chunker");
            String hub = http.hubHostName();
            try (RawHttps connection = RawHttps.connect(simulator, hub)) {
                connection.send(hubSendHead("chunker") + "5\r\nhello\r\nzz\r\nmore\r\n0\r\n\r\n");

                assertHubError(connection.read().asCurl(), 400, "ArgumentInvalid", 400004,
                        "the chunk size 'zz' is not a hexadecimal number of at most 8 digits");
                assertThat(connection.closedByServer()).isTrue();
            }
            assertThat(simulator.iotHubs().getFirst().messages()).isEmpty();
        }

        @Test
        void aChunkSizeOfTwentyDigitsOnTheDpsPort() {
            http.enroll("chunky");
            try (RawHttps connection = RawHttps.connect(simulator, simulator.globalEndpoint())) {
                connection.send("PUT /" + simulator.idScope() + "/registrations/chunky/register HTTP/1.1\r\nHost: "
                        + simulator.globalEndpoint() + "\r\nAuthorization: " + http.dpsToken("chunky") + "\r\n"
                        + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "99999999999999999999\r\n{}\r\n0\r\n\r\n");

                assertDpsError(connection.read().asCurl(), 400, 400004, "is not a hexadecimal number of at most 8 digits");
            }
        }

        @Test
        void aTwentyKilobyteTrailer() {
            http.provision("trailing");
            try (RawHttps connection = RawHttps.connect(simulator, http.hubHostName())) {
                connection.send(hubSendHead("trailing") + "5\r\nhello\r\n0\r\nX-Trailer: " + "t".repeat(20 * 1024) + "\r\n\r\n");

                assertHubError(connection.read().asCurl(), 400, "ArgumentInvalid", 400004,
                        "the chunked body ends with trailer fields, which this server does not take");
            }
        }

        private String hubSendHead(String deviceId) {
            return "POST /devices/" + deviceId + "/messages/events?api-version=" + DeviceHttp.HUB_API_VERSION + " HTTP/1.1\r\n"
                    + "Host: " + http.hubHostName() + "\r\nAuthorization: " + http.hubToken(deviceId) + "\r\n"
                    + "Content-Type: application/octet-stream\r\nTransfer-Encoding: chunked\r\n\r\n";
        }
    }


    @Nested
    class Http10 {
        @Test
        void aRegisterInHttp10IsAnsweredAndTheConnectionClosedAfterIt() {
            http.enroll("old-stack");
            byte[] body = DpsClient.registrationBody("old-stack").getBytes(StandardCharsets.UTF_8);
            try (RawHttps connection = RawHttps.connect(simulator, simulator.globalEndpoint())) {
                connection.send("PUT /" + simulator.idScope() + "/registrations/old-stack/register?api-version="
                        + DeviceHttp.DEVICE_API_VERSION + " HTTP/1.0\r\nHost: " + simulator.globalEndpoint() + "\r\n"
                        + "Authorization: " + http.dpsToken("old-stack") + "\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + body.length + "\r\n\r\n").send(body);

                RawHttps.Response answer = connection.read();

                assertThat(answer.status()).as(answer.head()).isEqualTo(202);
                assertThat(answer.header("Connection")).contains("close");
                assertThat(connection.closedByServer()).as("an HTTP/1.0 client reads to the end of the stream").isTrue();
            }
        }

        @Test
        void anHttp10RequestWithoutHostIsAnsweredToo() {
            try (RawHttps connection = RawHttps.connect(simulator, simulator.globalEndpoint())) {
                connection.send("GET /certificates HTTP/1.0\r\nAuthorization: " + client.serviceAuthorization(simulator.serviceKey())
                        + "\r\n\r\n");

                RawHttps.Response answer = connection.read();

                assertThat(answer.status()).as(answer.head() + "\n" + answer.text()).isEqualTo(200);
                assertThat(connection.closedByServer()).isTrue();
            }
        }

        @Test
        void anHttp10ClientThatAsksForKeepAliveKeepsItsConnection() {
            try (RawHttps connection = RawHttps.connect(simulator, simulator.globalEndpoint())) {
                String request = "GET /certificates HTTP/1.0\r\nHost: " + simulator.globalEndpoint() + "\r\nConnection: keep-alive\r\n"
                        + "Authorization: " + client.serviceAuthorization(simulator.serviceKey()) + "\r\n\r\n";

                assertThat(connection.send(request).read().status()).isEqualTo(200);
                assertThat(connection.send(request).read().status()).isEqualTo(200);
            }
        }
    }

    @Nested
    class Grammar {
        @Test
        void aTabInTheRequestLineIsA400InTheDpsFormatNotA500() {
            try (RawHttps connection = RawHttps.connect(simulator, simulator.globalEndpoint())) {
                connection.send("GET\t/dpsrig/faults HTTP/1.1\r\nHost: " + simulator.globalEndpoint() + "\r\n\r\n");

                assertDpsError(connection.read().asCurl(), 400, 400004, "the request line has a control byte 0x09 at position 4");
                assertThat(connection.closedByServer()).isTrue();
            }
        }

        @Test
        void aHeaderWithoutANameBeforeABrokenChunkIsA400OnTheHub() {
            http.provision("nameless");
            try (RawHttps connection = RawHttps.connect(simulator, http.hubHostName())) {
                connection.send("POST /devices/nameless/messages/events?api-version=" + DeviceHttp.HUB_API_VERSION + " HTTP/1.1\r\n"
                        + "Host: " + http.hubHostName() + "\r\nAuthorization: " + http.hubToken("nameless") + "\r\n"
                        + ": 5\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n");

                assertHubError(connection.read().asCurl(), 400, "ArgumentInvalid", 400004, "a header line has an empty field name");
            }
            assertThat(simulator.iotHubs().getFirst().messages()).isEmpty();
        }

        @Test
        void emptyLinesBeforeARequestAreIgnored() {
            try (RawHttps connection = RawHttps.connect(simulator, simulator.globalEndpoint())) {
                RawHttps.Response answer = connection.send("\r\n\r\nGET /certificates HTTP/1.1\r\nHost: " + simulator.globalEndpoint()
                        + "\r\nAuthorization: " + client.serviceAuthorization(simulator.serviceKey()) + "\r\n\r\n").read();

                assertThat(answer.status()).as(answer.head() + "\n" + answer.text()).isEqualTo(200);
            }
        }
    }
}
