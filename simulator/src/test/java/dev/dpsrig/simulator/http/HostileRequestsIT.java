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
 * Requests that once reached a 500, each now refused with a 4xx in its API's error format that says
 * what was wrong (and, where the request was fine, answered): JSON past the parser's limits, bad
 * UTF-8 and unpaired surrogates, a blank {@code Content-Type}, a continuation past the end of a
 * query, numbers that overflow a fault rule. ({@link FramingIT} has the framing.)
 */
class HostileRequestsIT {
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
    class JsonPastItsLimits {
        @Test
        void anEnrollmentNestedAThousandLevelsDeep() {
            String body = "{\"attestation\": {\"type\": \"symmetricKey\"}, \"initialTwin\": " + "[".repeat(1001) + "]".repeat(1001) + "}";

            assertDpsError(putEnrollment("deep", body.getBytes(StandardCharsets.UTF_8)), 400, 400004,
                    "request body nests JSON deeper than 32 levels, the limit for a request");
        }

        @Test
        void anEnrollmentWithANumberOfElevenHundredDigits() {
            String body = "{\"attestation\": {\"type\": \"symmetricKey\"}, \"capabilities\": {\"iotEdge\": " + "7".repeat(1101) + "}}";

            assertDpsError(putEnrollment("long-number", body.getBytes(StandardCharsets.UTF_8)), 400, 400004,
                    "request body holds a JSON number longer than 100 characters");
        }

        @Test
        void anEnrollmentThatIsNotUtf8() {
            String text = "{\"attestation\": {\"type\": \"symmetricKey\"}, \"initialTwin\": {\"tags\": {\"site\": \"Zürich\"}}}";

            CurlResponse refused = putEnrollment("latin-1", text.getBytes(StandardCharsets.ISO_8859_1));

            assertDpsError(refused, 400, 400004, "request body is not valid UTF-8 (at byte " + text.indexOf('ü') + ")");
            assertThat(simulator.service().enrollments()).isEmpty();
        }

        @Test
        void anInitialTwinWithALoneSurrogateIsRefusedAndNothingIsStored() {
            String body = "{\"attestation\": {\"type\": \"symmetricKey\"}, \"initialTwin\": {\"tags\": {\"site\": \"\\ud800\"}}}";

            CurlResponse refused = putEnrollment("surrogate", body.getBytes(StandardCharsets.UTF_8));

            assertDpsError(refused, 400, 400004,
                    "request body holds an unpaired UTF-16 surrogate (\\ud800) in the string at $.initialTwin.tags.site");
            assertThat(refused.body()).doesNotContain(dir.toString()).doesNotContain("/tmp").doesNotContain("Exception");
            assertThat(simulator.service().enrollments()).isEmpty();
        }

        @Test
        void aFaultPlanNestedTooDeep() {
            try (RawHttps connection = RawHttps.connect(simulator, simulator.globalEndpoint())) {
                byte[] body = ("[".repeat(1001) + "]".repeat(1001)).getBytes(StandardCharsets.US_ASCII);
                connection.send(serviceHead("POST", "/dpsrig/faults", body.length)).send(body);

                assertDpsError(connection.read().asCurl(), 400, 400004, "nests JSON deeper than 32 levels");
            }
        }

        @Test
        void aHubBatchNestedTooDeep() {
            http.provision("deep-batch");

            CurlResponse refused = HubClient.of(simulator, dir).sendBatch("deep-batch",
                    DpsClient.sas(http.hubToken("deep-batch")), "[".repeat(1001) + "]".repeat(1001));

            assertHubError(refused, 400, "IotHubFormatError", 400006, "nests JSON deeper than 32 levels");
        }
    }

    @Nested
    class OddButHarmless {
        @Test
        void aBlankContentTypeOnTheHubIsASingleMessage() {
            http.provision("blank-type");

            CurlResponse sent = HubClient.of(simulator, dir).send("blank-type", DpsClient.sas(http.hubToken("blank-type")),
                    "hello".getBytes(StandardCharsets.UTF_8), "Content-Type;");

            assertThat(sent.status()).as(DpsClient.describe(sent)).isEqualTo(204);
            assertThat(simulator.iotHubs().getFirst().messages()).singleElement()
                    .satisfies(message -> assertThat(message.body()).asString().isEqualTo("hello"));
        }

        @Test
        void aContinuationAtTheLargestIntegerIsAnEmptyLastPage() {
            CurlResponse page = client.service("POST", "/enrollments/query", java.util.Optional.of(
                    jakarta.json.Json.createObjectBuilder().add("query", "*").build()), "x-ms-continuation: 2147483647");

            assertThat(page.status()).as(DpsClient.describe(page)).isEqualTo(200);
            assertThat(page.jsonArray()).isEmpty();
            assertThat(page.header("x-ms-continuation")).isEmpty();
        }

        @Test
        void aRetryAfterOfTwoToTheSixtyThirdIsNamedAsOutOfRange() {
            CurlResponse refused = client.service("POST", "/dpsrig/faults", java.util.Optional.of(jakarta.json.Json.createReader(
                    new java.io.StringReader("{\"endpoint\": \"register\", \"kind\": \"throttle\", \"retryAfter\": 9223372036854775808}"))
                    .readObject()));

            assertDpsError(refused, 400, 400004, "\"retryAfter\" must be a whole number from -2147483648 to 2147483647");
            assertThat(simulator.faults().rules()).isEmpty();
        }

        @Test
        void aRetryAfterPastAnIntegerIsNamedToo() {
            CurlResponse refused = client.service("POST", "/dpsrig/faults", java.util.Optional.of(jakarta.json.Json.createReader(
                    new java.io.StringReader("{\"endpoint\": \"register\", \"kind\": \"throttle\", \"retryAfter\": 4294967296}"))
                    .readObject()));

            assertDpsError(refused, 400, 400004, "\"retryAfter\" must be a whole number");
        }
    }

    private CurlResponse putEnrollment(String registrationId, byte[] body) {
        try (RawHttps connection = RawHttps.connect(simulator, simulator.globalEndpoint())) {
            connection.send(serviceHead("PUT", "/enrollments/" + registrationId, body.length)).send(body);
            return connection.read().asCurl();
        }
    }

    private String serviceHead(String method, String path, int length) {
        return method + " " + path + "?api-version=" + DpsClient.SERVICE_API_VERSION + " HTTP/1.1\r\nHost: "
                + simulator.globalEndpoint() + "\r\nAuthorization: " + client.serviceAuthorization(simulator.serviceKey()) + "\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + length + "\r\n\r\n";
    }
}
