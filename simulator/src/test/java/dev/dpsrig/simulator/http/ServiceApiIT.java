package dev.dpsrig.simulator.http;

import static dev.dpsrig.simulator.http.DpsAssertions.assertAssigned;
import static dev.dpsrig.simulator.http.DpsAssertions.assertDpsError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dpsrig.protocol.SymmetricKeys;
import dev.dpsrig.simulator.server.LocalSimulator;
import dev.dpsrig.simulator.server.SimulatorConfig;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DPS service (enrollment) API over HTTPS with curl, authorized by a SAS token for the service policy. */
class ServiceApiIT {
    private static final String DEVICE = "svc-device-01";

    @TempDir
    Path dir;

    private LocalSimulator simulator;
    private DpsClient client;

    @BeforeEach
    void start() {
        simulator = LocalSimulator.start(SimulatorConfig.forTests());
        client = new DpsClient(simulator, dir);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void enrollmentIsCreatedReadAndDeleted() {
        CurlResponse created = putEnrollment(DEVICE, Enrollments.symmetricKey());
        assertThat(created.status()).as(DpsClient.describe(created)).isEqualTo(200);
        assertThat(created.header("Content-Type")).contains("application/json; charset=utf-8");
        assertThat(created.json().getString("registrationId")).isEqualTo(DEVICE);
        assertThat(created.json().getString("etag")).isNotBlank();

        CurlResponse read = client.service("GET", "/enrollments/" + DEVICE, Optional.empty());
        assertThat(read.status()).as(DpsClient.describe(read)).isEqualTo(200);
        assertThat(read.json().getString("registrationId")).isEqualTo(DEVICE);
        assertThat(read.json().getJsonObject("attestation").getString("type")).isEqualTo("symmetricKey");
        assertThat(read.json().getString("provisioningStatus")).isEqualTo("enabled");
        assertThat(read.json().getString("etag")).isEqualTo(created.json().getString("etag"));

        CurlResponse deleted = client.service("DELETE", "/enrollments/" + DEVICE, Optional.empty());
        assertThat(deleted.status()).as(DpsClient.describe(deleted)).isEqualTo(204);

        assertDpsError(client.service("GET", "/enrollments/" + DEVICE, Optional.empty()), 404, 404201,
                "no individual enrollment '" + DEVICE + "'");
    }

    @Test
    void getHidesSymmetricKeysThatAttestationMechanismShows() {
        String primary = SymmetricKeys.generate();
        String secondary = SymmetricKeys.generate();
        putEnrollment(DEVICE, Enrollments.symmetricKey(primary, secondary));

        CurlResponse read = client.service("GET", "/enrollments/" + DEVICE, Optional.empty());
        CurlResponse mechanism = client.service("POST", "/enrollments/" + DEVICE + "/attestationmechanism", Optional.empty());

        assertThat(read.body()).doesNotContain(primary).doesNotContain(secondary);
        assertThat(read.json().getJsonObject("attestation").getJsonObject("symmetricKey"))
                .doesNotContainKeys("primaryKey", "secondaryKey");
        assertThat(mechanism.status()).as(DpsClient.describe(mechanism)).isEqualTo(200);
        assertThat(mechanism.json().getString("type")).isEqualTo("symmetricKey");
        assertThat(mechanism.json().getJsonObject("symmetricKey").getString("primaryKey")).isEqualTo(primary);
        assertThat(mechanism.json().getJsonObject("symmetricKey").getString("secondaryKey")).isEqualTo(secondary);
    }

    @Test
    void keysMissingFromTheBodyAreGeneratedAsBase64Of64Bytes() {
        putEnrollment(DEVICE, Enrollments.symmetricKey());

        JsonObject keys = client.service("POST", "/enrollments/" + DEVICE + "/attestationmechanism", Optional.empty())
                .json().getJsonObject("symmetricKey");

        byte[] primary = Base64.getDecoder().decode(keys.getString("primaryKey"));
        byte[] secondary = Base64.getDecoder().decode(keys.getString("secondaryKey"));
        assertThat(primary).hasSize(64);
        assertThat(secondary).hasSize(64);
        assertThat(primary).isNotEqualTo(secondary);
    }

    @Test
    void staleIfMatchIsRefusedWith412() {
        String firstEtag = putEnrollment(DEVICE, Enrollments.symmetricKey()).json().getString("etag");
        String secondEtag = putEnrollment(DEVICE, Enrollments.symmetricKey()).json().getString("etag");
        assertThat(secondEtag).isNotEqualTo(firstEtag);

        CurlResponse staleUpdate = client.service("PUT", "/enrollments/" + DEVICE,
                Optional.of(Enrollments.disabled(Enrollments.symmetricKey())), "If-Match: " + firstEtag);
        CurlResponse staleDelete = client.service("DELETE", "/enrollments/" + DEVICE, Optional.empty(), "If-Match: " + firstEtag);

        assertDpsError(staleUpdate, 412, 412002, "does not match the etag " + secondEtag);
        assertDpsError(staleDelete, 412, 412002, "does not match the etag " + secondEtag);
        CurlResponse current = client.service("GET", "/enrollments/" + DEVICE, Optional.empty());
        assertThat(current.json().getString("provisioningStatus")).isEqualTo("enabled");
        assertThat(current.json().getString("etag")).isEqualTo(secondEtag);

        CurlResponse freshUpdate = client.service("PUT", "/enrollments/" + DEVICE,
                Optional.of(Enrollments.disabled(Enrollments.symmetricKey())), "If-Match: " + secondEtag);
        assertThat(freshUpdate.status()).as(DpsClient.describe(freshUpdate)).isEqualTo(200);
        assertThat(freshUpdate.json().getString("provisioningStatus")).isEqualTo("disabled");
    }

    @Test
    void deletingAnUnknownEnrollmentIsNotFound() {
        assertDpsError(client.service("DELETE", "/enrollments/never-enrolled", Optional.empty()), 404, 404201,
                "no individual enrollment 'never-enrolled'");
    }

    @Test
    void queryPagesWithContinuation() {
        for (String id : List.of("query-device-a", "query-device-b", "query-device-c")) {
            putEnrollment(id, Enrollments.symmetricKey());
        }
        Optional<JsonObject> everything = Optional.of(Json.createObjectBuilder().add("query", "*").build());

        CurlResponse firstPage = client.service("POST", "/enrollments/query", everything, "x-ms-max-item-count: 2");
        assertThat(firstPage.status()).as(DpsClient.describe(firstPage)).isEqualTo(200);
        assertThat(firstPage.jsonArray()).hasSize(2);
        assertThat(firstPage.header("x-ms-item-type")).contains("enrollment");
        String continuation = firstPage.header("x-ms-continuation").orElseThrow(() ->
                new AssertionError("no x-ms-continuation on a partial page\n" + DpsClient.describe(firstPage)));

        CurlResponse lastPage = client.service("POST", "/enrollments/query", everything,
                "x-ms-max-item-count: 2", "x-ms-continuation: " + continuation);
        assertThat(lastPage.status()).as(DpsClient.describe(lastPage)).isEqualTo(200);
        assertThat(lastPage.jsonArray()).hasSize(1);
        assertThat(lastPage.header("x-ms-continuation")).isEmpty();

        List<String> seen = new ArrayList<>(registrationIds(firstPage.jsonArray()));
        seen.addAll(registrationIds(lastPage.jsonArray()));
        assertThat(seen).containsExactlyInAnyOrder("query-device-a", "query-device-b", "query-device-c");
    }

    @Test
    void requestWithoutAuthorizationIsRefused() {
        CurlResponse refused = client.serviceAs(Optional.empty(), "GET", "/enrollments/" + DEVICE, Optional.empty());

        assertDpsError(refused, 401, 401002, "needs an Authorization header with a SAS token for policy 'provisioningserviceowner'");
    }

    @Test
    void tokenSignedWithAWrongServiceKeyIsRefused() {
        putEnrollment(DEVICE, Enrollments.symmetricKey());
        String forged = client.serviceAuthorization(SymmetricKeys.generate());

        CurlResponse refused = client.serviceAs(Optional.of(forged), "GET", "/enrollments/" + DEVICE, Optional.empty());

        assertDpsError(refused, 401, 401002, "SAS signature does not match the key of policy 'provisioningserviceowner'");
    }

    @Test
    void tokenWhoseSrIsNotProperlyPercentEncodedIsRefused() {
        String malformed = "SharedAccessSignature sr=localhost%zz&sig=c2lnbmF0dXJl&se="
                + Instant.now().plus(Duration.ofHours(1)).getEpochSecond() + "&skn=provisioningserviceowner";

        CurlResponse refused = client.serviceAs(Optional.of(malformed), "GET", "/enrollments/" + DEVICE, Optional.empty());

        assertDpsError(refused, 401, 401002, "SAS token sr is not URL-encoded properly");
    }

    @Test
    void registrationStateCanBeReadAndDeletedOnceTheDeviceRegistered() {
        putEnrollment(DEVICE, Enrollments.symmetricKey());
        String key = client.service("POST", "/enrollments/" + DEVICE + "/attestationmechanism", Optional.empty())
                .json().getJsonObject("symmetricKey").getString("primaryKey");
        assertDpsError(client.service("GET", "/registrations/" + DEVICE, Optional.empty()), 404, 404201,
                "no registration state for '" + DEVICE + "'");
        JsonObject assigned = assertAssigned(client.registerAndAwait(DEVICE,
                DpsClient.sas(SeedScripts.sasToken(dir, client.resourceUri(DEVICE), key))));

        CurlResponse state = client.service("GET", "/registrations/" + DEVICE, Optional.empty());

        assertThat(state.status()).as(DpsClient.describe(state)).isEqualTo(200);
        assertThat(state.json().getString("registrationId")).isEqualTo(DEVICE);
        assertThat(state.json().getString("status")).isEqualTo("assigned");
        assertThat(state.json().getString("deviceId")).isEqualTo(DEVICE);
        assertThat(state.json().getString("assignedHub")).isEqualTo(assigned.getString("assignedHub"));
        assertThat(state.json().getString("etag")).isNotBlank();

        CurlResponse deleted = client.service("DELETE", "/registrations/" + DEVICE, Optional.empty());
        assertThat(deleted.status()).as(DpsClient.describe(deleted)).isEqualTo(204);
        assertDpsError(client.service("GET", "/registrations/" + DEVICE, Optional.empty()), 404, 404201,
                "no registration state for '" + DEVICE + "'");
    }

    @Test
    void verificationCertificateSignedByAnotherKeyDoesNotVerifyTheCa() {
        SeedPki pki = SeedPki.create();
        SeedPki impostor = SeedPki.create();
        client.service("PUT", "/certificates/test-root",
                Optional.of(Json.createObjectBuilder().add("certificate", pki.root().certificatePem()).build()));
        String code = client.service("POST", "/certificates/test-root/generateVerificationCode", Optional.empty())
                .json().getJsonObject("properties").getString("verificationCode");

        CurlResponse refused = client.service("POST", "/certificates/test-root/verify", Optional.of(Json.createObjectBuilder()
                .add("certificate", impostor.verificationCertificate(code).certificatePem()).build()));

        assertDpsError(refused, 400, 400004, "was not signed by the key of 'test-root'");
        CurlResponse ca = client.service("GET", "/certificates/test-root", Optional.empty());
        assertThat(ca.json().getJsonObject("properties").getBoolean("isVerified")).isFalse();
    }

    private CurlResponse putEnrollment(String registrationId, JsonObject body) {
        CurlResponse response = client.service("PUT", "/enrollments/" + registrationId, Optional.of(body));
        assertThat(response.status()).as(DpsClient.describe(response)).isEqualTo(200);
        return response;
    }

    private static List<String> registrationIds(JsonArray page) {
        return page.stream().map(JsonValue::asJsonObject).map(item -> item.getString("registrationId")).toList();
    }
}
