package dev.dpsrig.simulator.http;

import static dev.dpsrig.simulator.http.DpsAssertions.assertDpsError;
import static dev.dpsrig.simulator.http.HubAssertions.assertHubError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.dpsrig.simulator.fault.Endpoint;
import dev.dpsrig.simulator.fault.FaultRecord;
import dev.dpsrig.simulator.fault.FaultRules;
import dev.dpsrig.simulator.server.LocalSimulator;
import dev.dpsrig.simulator.server.SimulatorConfig;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Paths as the SDKs send them: literal segments in any case and a trailing slash reach the same
 * routes as the canonical paths, ids keep their case, and what no route takes is answered in the
 * DPS or IoT Hub error format (404, or 405 with {@code Allow}), never the server's plain text.
 */
class RoutingIT {
    private static final String GROUP = "Line-A";

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

    // ---- service API ---------------------------------------------------------------------------

    @Test
    void enrollmentGroupsInLowerCaseAsTheNodeServiceSdkSendsThem() {
        CurlResponse created = client.service("PUT", "/enrollmentgroups/" + GROUP, Optional.of(Enrollments.symmetricKey()));
        assertThat(created.status()).as(DpsClient.describe(created)).isEqualTo(200);
        assertThat(created.json().getString("enrollmentGroupId")).as("the id keeps the case it was sent in").isEqualTo(GROUP);
        String primaryKey = created.json().getJsonObject("attestation").getJsonObject("symmetricKey").getString("primaryKey");

        CurlResponse read = client.service("GET", "/ENROLLMENTGROUPS/" + GROUP + "/", Optional.empty());
        assertThat(read.status()).as(DpsClient.describe(read)).isEqualTo(200);
        assertThat(read.json().getString("enrollmentGroupId")).isEqualTo(GROUP);
        assertThat(read.json().getString("etag")).isEqualTo(created.json().getString("etag"));

        CurlResponse mechanism = client.service("POST", "/enrollmentgroups/" + GROUP + "/attestationMechanism", Optional.empty());
        assertThat(mechanism.status()).as(DpsClient.describe(mechanism)).isEqualTo(200);
        assertThat(mechanism.header("Content-Type")).contains("application/json; charset=utf-8");
        assertThat(mechanism.json().getString("type")).isEqualTo("symmetricKey");
        assertThat(mechanism.json().getJsonObject("symmetricKey").getString("primaryKey")).isEqualTo(primaryKey);

        CurlResponse page = client.service("POST", "/enrollmentgroups/query/", Optional.of(Json.createObjectBuilder().add("query", "*").build()));
        assertThat(page.status()).as(DpsClient.describe(page)).isEqualTo(200);
        assertThat(page.header("x-ms-item-type")).contains("enrollmentGroup");
        assertThat(page.jsonArray()).extracting(item -> item.asJsonObject().getString("enrollmentGroupId")).containsExactly(GROUP);

        CurlResponse deleted = client.service("DELETE", "/EnrollmentGroups/" + GROUP + "/", Optional.empty());
        assertThat(deleted.status()).as(DpsClient.describe(deleted)).isEqualTo(204);
        assertThat(simulator.service().groups()).isEmpty();
        assertDpsError(client.service("GET", "/enrollmentgroups/" + GROUP, Optional.empty()), 404, 404201,
                "no enrollment group '" + GROUP + "'");
    }

    @Test
    void bulkCreateWithATrailingSlash() {
        JsonObject bulk = Json.createObjectBuilder().add("mode", "create").add("enrollments", Json.createArrayBuilder()
                .add(Json.createObjectBuilder(Enrollments.symmetricKey()).add("registrationId", "bulk-1"))
                .add(Json.createObjectBuilder(Enrollments.symmetricKey()).add("registrationId", "bulk-2"))).build();

        CurlResponse answer = client.service("POST", "/enrollments/", Optional.of(bulk));

        assertThat(answer.status()).as(DpsClient.describe(answer)).isEqualTo(200);
        assertThat(answer.json().getBoolean("isSuccessful")).as(DpsClient.describe(answer)).isTrue();
        assertThat(answer.json().getJsonArray("errors")).isEmpty();
        assertThat(simulator.service().enrollments()).extracting(enrollment -> enrollment.registrationId())
                .containsExactlyInAnyOrder("bulk-1", "bulk-2");
    }

    @Test
    void individualEnrollmentAndCertificatePathsInAnyCaseWithATrailingSlash() {
        CurlResponse created = client.service("PUT", "/Enrollments/svc-dev-1/", Optional.of(Enrollments.symmetricKey()));
        assertThat(created.status()).as(DpsClient.describe(created)).isEqualTo(200);

        CurlResponse read = client.service("GET", "/enrollments/svc-dev-1/", Optional.empty());
        assertThat(read.status()).as(DpsClient.describe(read)).isEqualTo(200);
        assertThat(read.json().getString("registrationId")).isEqualTo("svc-dev-1");

        CurlResponse mechanism = client.service("POST", "/ENROLLMENTS/svc-dev-1/AttestationMechanism/", Optional.empty());
        assertThat(mechanism.status()).as(DpsClient.describe(mechanism)).isEqualTo(200);
        assertThat(mechanism.json().getJsonObject("symmetricKey").getString("primaryKey")).isNotBlank();

        CurlResponse certificates = client.service("GET", "/Certificates/", Optional.empty());
        assertThat(certificates.status()).as(DpsClient.describe(certificates)).isEqualTo(200);
        assertThat(certificates.json().getJsonArray("value")).isEmpty();

        CurlResponse faults = client.service("GET", "/dpsrig/faults/", Optional.empty());
        assertThat(faults.status()).as(DpsClient.describe(faults)).isEqualTo(200);
        assertThat(faults.jsonArray()).isEmpty();
    }

    // ---- device runtime ------------------------------------------------------------------------

    @Test
    void registerAndPollWithMixedCaseSegmentsAndTrailingSlashes() {
        http.enroll("Sensor-7");

        DeviceHttp.Answer accepted = http.call(device("PUT", "/REGISTRATIONS/Sensor-7/Register/", "Sensor-7"));
        assertThat(accepted.status()).as(accepted.describe()).isEqualTo(202);
        assertThat(accepted.json().getString("status")).isEqualTo("assigning");
        String operationId = accepted.json().getString("operationId");

        DeviceHttp.Answer outcome = accepted;
        for (int attempt = 0; attempt < 50 && outcome.status() == 202; attempt++) {
            DeviceHttp.sleep(Duration.ofMillis(50));
            outcome = http.call(device("GET", "/Registrations/Sensor-7/OPERATIONS/" + operationId + "/", "Sensor-7"));
        }
        assertThat(outcome.status()).as(outcome.describe()).isEqualTo(200);
        assertThat(outcome.json().getString("operationId")).isEqualTo(operationId);
        assertThat(outcome.json().getString("status")).isEqualTo("assigned");
        assertThat(outcome.json().getJsonObject("registrationState").getString("deviceId")).isEqualTo("Sensor-7");

        DeviceHttp.Answer status = http.call(device("POST", "/registrations/Sensor-7/", "Sensor-7"));
        assertThat(status.status()).as(status.describe()).isEqualTo(200);
        assertThat(status.json().getString("status")).isEqualTo("assigned");
    }

    @Test
    void faultRuleForRegisterStrikesAMixedCaseRegisterWithATrailingSlash() {
        http.enroll("sensor-9");
        simulator.faults().add(FaultRules.parse(Json.createReader(new StringReader(
                "{\"id\":\"busy\",\"endpoint\":\"register\",\"device\":\"sensor-9\",\"kind\":\"throttle\",\"retryAfter\":4}"))
                .readObject(), simulator.faults()::nextRuleId));

        DeviceHttp.Answer refused = http.call(device("PUT", "/Registrations/sensor-9/REGISTER/", "sensor-9"));

        assertDpsError(refused.asCurl(), 429, 429001, "injected fault, register");
        assertThat(refused.header("Retry-After")).contains("4");
        assertThat(simulator.faults().records())
                .extracting(FaultRecord::ruleId, FaultRecord::endpoint, FaultRecord::deviceId, FaultRecord::call)
                .containsExactly(tuple("busy", Endpoint.REGISTER, "sensor-9", 1L));
    }

    // ---- what no route takes -------------------------------------------------------------------

    @Test
    void unknownPathOnDpsIs404InTheDpsErrorFormat() {
        CurlResponse signed = client.service("GET", "/enrollment/svc-dev-1", Optional.empty());
        assertDpsError(signed, 404, 404201, "no route GET /enrollment/svc-dev-1");

        CurlResponse anonymous = client.serviceAs(Optional.empty(), "POST", "/", Optional.empty());
        assertDpsError(anonymous, 404, 404201, "no route POST /");

        CurlResponse tooDeep = client.service("GET", "/enrollments/svc-dev-1/attestationmechanism/extra", Optional.empty());
        assertDpsError(tooDeep, 404, 404201, "no route GET /enrollments/svc-dev-1/attestationmechanism/extra");
        assertThat(tooDeep.header("Allow")).isEmpty();
    }

    @Test
    void knownPathWithAnotherMethodIs405WithAllowInTheDpsErrorFormat() {
        CurlResponse bulkRead = client.service("GET", "/enrollments/", Optional.empty());
        assertDpsError(bulkRead, 405, 405001, "method GET is not allowed on /enrollments/; allowed: POST");
        assertThat(bulkRead.header("Allow")).contains("POST");

        CurlResponse patch = client.service("PATCH", "/EnrollmentGroups/" + GROUP, Optional.of(Enrollments.symmetricKey()));
        assertDpsError(patch, 405, 405001, "allowed: GET, PUT, DELETE");
        assertThat(patch.header("Allow")).contains("GET, PUT, DELETE");

        CurlResponse attestationRead = client.service("GET", "/enrollmentgroups/" + GROUP + "/attestationmechanism", Optional.empty());
        assertDpsError(attestationRead, 405, 405001, "allowed: POST");
        assertThat(attestationRead.header("Allow")).contains("POST");

        DeviceHttp.Answer deleteRegister = http.call(HttpRequest.newBuilder(deviceUri("/registrations/dev-1/register"))
                .DELETE().build());
        assertDpsError(deleteRegister.asCurl(), 405, 405001, "allowed: PUT");
        assertThat(deleteRegister.header("Allow")).contains("PUT");
        assertThat(simulator.service().groups()).isEmpty();
    }

    @Test
    void unknownPathOnAHubIs404AndAWrongMethod405InTheHubErrorFormat() {
        HubClient hub = HubClient.of(simulator, dir);

        assertHubError(hub.request("GET", "/devices/dev-1/twin", List.of()), 404, "NotFound", 404000,
                "the IoT Hub device API has no GET /devices/dev-1/twin");
        assertHubError(hub.request("GET", "/", List.of()), 404, "NotFound", 404000, "has no GET /");

        CurlResponse wrongMethod = hub.request("GET", "/devices/dev-1/messages/events", List.of());
        assertHubError(wrongMethod, 405, "MethodNotAllowed", 405000,
                "method GET is not allowed on /devices/dev-1/messages/events; allowed: POST");
        assertThat(wrongMethod.header("Allow")).contains("POST");
    }

    // ---- helpers -------------------------------------------------------------------------------

    /** A device request under {@code /{idScope}} with the device's own token and a JSON body for PUT and POST. */
    private HttpRequest device(String method, String path, String registrationId) {
        HttpRequest.BodyPublisher body = method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(DpsClient.registrationBody(registrationId));
        return HttpRequest.newBuilder(deviceUri(path))
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .header("Authorization", http.dpsToken(registrationId))
                .method(method, body)
                .build();
    }

    private URI deviceUri(String path) {
        return URI.create(simulator.dpsBaseUrl() + "/" + simulator.idScope() + path + "?api-version=" + DeviceHttp.DEVICE_API_VERSION);
    }
}
