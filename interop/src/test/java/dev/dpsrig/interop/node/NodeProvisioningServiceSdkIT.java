package dev.dpsrig.interop.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dpsrig.interop.SdkSimulator;
import dev.dpsrig.simulator.dps.EnrollmentGroup;
import dev.dpsrig.simulator.dps.IndividualEnrollment;
import dev.dpsrig.simulator.dps.Registration;
import dev.dpsrig.simulator.server.LocalSimulator;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The official Node provisioning service SDK ({@code azure-iot-provisioning-service}), unchanged, with
 * {@code ProvisioningServiceClient.fromConnectionString} given the serviceConnectionString of
 * dev-settings.json as it is: enrollments, groups, bulk operations, queries and registration states.
 * service.js records each SDK call's outcome; these tests hold them, and the simulator's state, to
 * what DPS does.
 */
class NodeProvisioningServiceSdkIT {
    private static final String FIRST_ADDRESS = "127.0.53.1";
    private static final Duration NODE_TIMEOUT = Duration.ofSeconds(90);

    private static LocalSimulator simulator;
    private static NodeSdk node;

    @BeforeAll
    static void start() {
        node = NodeSdk.installed();
        simulator = SdkSimulator.start(FIRST_ADDRESS);
    }

    @AfterAll
    static void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void individualEnrollmentIsCreatedReadUpdatedWithItsEtagAndDeleted() {
        String id = "node-svc-enrollment";
        JsonObject steps = scenario("individual-enrollment", id);

        JsonObject created = succeeded(steps, "create");
        JsonObject keys = created.getJsonObject("attestation").getJsonObject("symmetricKey");
        assertThat(keys.getString("primaryKey")).isNotBlank();
        JsonObject read = succeeded(steps, "get");
        assertThat(read.getString("etag")).isEqualTo(created.getString("etag"));
        JsonObject updated = succeeded(steps, "update");
        assertThat(updated.getString("deviceId")).isEqualTo(id + "-device");
        assertThat(updated.getString("etag")).isNotEqualTo(created.getString("etag"));
        assertThat(updated.getJsonObject("attestation").getJsonObject("symmetricKey")).isEqualTo(keys);
        JsonObject stale = failed(steps, "updateWithStaleEtag");
        assertThat(stale.getInt("statusCode")).isEqualTo(412);
        assertThat(stale.getString("name")).isEqualTo("InvalidEtagError");
        assertThat(succeeded(steps, "attestationMechanism").getJsonObject("symmetricKey")).isEqualTo(keys);
        assertThat(failed(steps, "deleteWithStaleEtag").getInt("statusCode")).isEqualTo(412);
        assertThat(steps.getJsonObject("delete").getBoolean("ok")).as(steps.toString()).isTrue();
        assertThat(failed(steps, "getAfterDelete").getInt("statusCode")).isEqualTo(404);
        assertThat(simulator.service().enrollments()).extracting(IndividualEnrollment::registrationId).doesNotContain(id);
    }

    @Test
    void enrollmentGroupIsCreatedReadUpdatedAndDeleted() {
        String id = "node-svc-group";
        JsonObject steps = scenario("enrollment-group", id);

        JsonObject created = succeeded(steps, "create");
        assertThat(created.getJsonObject("attestation").getJsonObject("symmetricKey").getString("primaryKey")).isNotBlank();
        assertThat(succeeded(steps, "get").getString("enrollmentGroupId")).isEqualTo(id);
        JsonObject updated = succeeded(steps, "update");
        assertThat(updated.getString("provisioningStatus")).isEqualTo("disabled");
        assertThat(updated.getString("etag")).isNotEqualTo(created.getString("etag"));
        assertThat(steps.getJsonObject("delete").getBoolean("ok")).as(steps.toString()).isTrue();
        assertThat(failed(steps, "getAfterDelete").getInt("statusCode")).isEqualTo(404);
        assertThat(simulator.service().groups()).extracting(EnrollmentGroup::enrollmentGroupId).doesNotContain(id);
    }

    /** The SDK asks for {@code POST /enrollmentgroups/{id}/attestationmechanism}, in lower case. */
    @Test
    void enrollmentGroupAttestationMechanismGivesTheGroupKeys() {
        String id = "node-svc-group-keys";
        JsonObject steps = scenario("enrollment-group", id);

        JsonObject created = succeeded(steps, "create");
        assertThat(succeeded(steps, "attestationMechanism").getJsonObject("symmetricKey"))
                .isEqualTo(created.getJsonObject("attestation").getJsonObject("symmetricKey"));
    }

    /** The SDK posts a bulk operation to {@code /enrollments/}, with a trailing slash. */
    @Test
    void bulkOperationCreatesAndDeletesEnrollmentsAndReportsAnItemThatAlreadyExists() {
        String id = "node-svc-bulk";
        List<String> ids = List.of(id + "-1", id + "-2", id + "-3");
        JsonObject steps = scenario("bulk", id);

        JsonObject created = succeeded(steps, "create");
        assertThat(created.getBoolean("isSuccessful")).as(created.toString()).isTrue();
        assertThat(created.getJsonArray("errors")).isEmpty();
        JsonObject again = succeeded(steps, "createAgain");
        assertThat(again.getBoolean("isSuccessful")).isFalse();
        assertThat(again.getJsonArray("errors").getValuesAs(JsonObject.class)).singleElement().satisfies(error -> {
            assertThat(error.getString("registrationId")).isEqualTo(ids.getFirst());
            assertThat(error.getInt("errorCode")).isEqualTo(409203);
        });
        assertThat(succeeded(steps, "get").getString("registrationId")).isEqualTo(ids.get(1));
        assertThat(succeeded(steps, "delete").getBoolean("isSuccessful")).isTrue();
        assertThat(simulator.service().enrollments()).extracting(IndividualEnrollment::registrationId).doesNotContainAnyElementsOf(ids);
    }

    @Test
    void queryReturnsEveryEnrollmentOnceInPagesOfTheAskedSizeFollowingTheContinuationToken() {
        String id = "node-svc-query";
        JsonObject steps = scenario("query", id);

        List<JsonObject> pages = steps.getJsonObject("pages").getJsonArray("result").getValuesAs(JsonObject.class);
        List<String> all = simulator.service().enrollments().stream().map(IndividualEnrollment::registrationId).toList();
        assertThat(all).contains(id + "-1", id + "-2", id + "-3", id + "-4", id + "-5");
        List<String> seen = new ArrayList<>();
        for (JsonObject page : pages) {
            assertThat(page.getJsonArray("registrationIds")).hasSizeBetween(1, 2);
            assertThat(page.getString("itemType")).isEqualTo("enrollment");
            seen.addAll(strings(page.getJsonArray("registrationIds")));
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(all);
        assertThat(pages).hasSize((all.size() + 1) / 2);
        assertThat(pages.getLast().get("continuationToken")).isEqualTo(JsonValue.NULL);
    }

    @Test
    void registrationStateOfAGroupDeviceIsReadListedAndDeleted() {
        String id = "node-svc-registered";
        String groupId = id + "-group";
        JsonObject steps = scenario("registration-state", id);

        assertThat(succeeded(steps, "register").getString("status")).isEqualTo("assigned");
        JsonObject state = succeeded(steps, "get");
        assertThat(state.getString("registrationId")).isEqualTo(id);
        assertThat(state.getString("status")).isEqualTo("assigned");
        assertThat(state.getString("assignedHub")).isEqualTo("127.0.53.2");
        assertThat(state.getJsonObject("symmetricKey").getString("enrollmentGroupId")).isEqualTo(groupId);
        assertThat(strings(steps.getJsonObject("queryOfGroup").getJsonArray("result"))).containsExactly(id);
        assertThat(steps.getJsonObject("delete").getBoolean("ok")).as(steps.toString()).isTrue();
        assertThat(failed(steps, "getAfterDelete").getInt("statusCode")).isEqualTo(404);
        assertThat(simulator.service().registrations()).extracting(Registration::registrationId).doesNotContain(id);
    }

    private static JsonObject scenario(String scenario, String id) {
        NodeSdk.Result result = node.start("service.js", List.of("--settings", simulator.devSettingsFile().toString(),
                "--scenario", scenario, "--id", id), NodeUser.trustingEnvironment(simulator.devSettingsFile())).finish(NODE_TIMEOUT);
        assertThat(result.exitCode()).as(result.transcript()).isZero();
        return result.json().getJsonObject("steps");
    }

    private static JsonObject succeeded(JsonObject steps, String step) {
        JsonObject outcome = steps.getJsonObject(step);
        assertThat(outcome).as("step " + step + " in " + steps).isNotNull();
        assertThat(outcome.getBoolean("ok")).as("step " + step + ": " + outcome).isTrue();
        return outcome.getJsonObject("result");
    }

    private static JsonObject failed(JsonObject steps, String step) {
        JsonObject outcome = steps.getJsonObject(step);
        assertThat(outcome).as("step " + step + " in " + steps).isNotNull();
        assertThat(outcome.getBoolean("ok")).as("step " + step + " should have been refused: " + outcome).isFalse();
        return outcome.getJsonObject("error");
    }

    private static List<String> strings(JsonArray array) {
        return array.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }
}
