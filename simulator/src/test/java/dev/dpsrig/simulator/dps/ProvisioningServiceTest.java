package dev.dpsrig.simulator.dps;

import dev.dpsrig.certs.HeldCertificate;
import dev.dpsrig.protocol.DpsErrorCode;
import dev.dpsrig.protocol.DpsException;
import dev.dpsrig.protocol.RegistrationStatus;
import dev.dpsrig.protocol.SasToken;
import dev.dpsrig.protocol.Substatus;
import dev.dpsrig.protocol.SymmetricKeys;
import dev.dpsrig.protocol.service.BulkEnrollmentOperation;
import dev.dpsrig.protocol.service.BulkEnrollmentOperationResult;
import dev.dpsrig.simulator.http.InProcessDps;
import dev.dpsrig.simulator.json.ServiceJson;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProvisioningServiceTest {
    private static final String SCOPE = "0ne00000001";
    private static final Hub EAST = new Hub("east", "east.example:4431", 1, Duration.ofMillis(80));
    private static final Hub WEST = new Hub("west", "west.example:4432", 1, Duration.ofMillis(20));

    private final MutableClock clock = new MutableClock(Instant.now());
    private final List<JsonObject> webhookRequests = new ArrayList<>();
    private AllocationWebhook webhook = (definition, request) -> {
        webhookRequests.add(ServiceJson.toJson(request));
        return new AllocationWebhook.Answer(200, ServiceJson.allocationChoice(Json.createObjectBuilder()
                .add("iotHubHostName", WEST.hostName())
                .add("payload", Json.createObjectBuilder().add("chosenBy", "webhook")).build()));
    };
    private InProcessDps dps = service(Duration.ZERO);

    @AfterEach
    void close() {
        dps.close();
    }

    private InProcessDps service(Duration delay) {
        return new InProcessDps(new ProvisioningService(SCOPE, List.of(EAST, WEST), DpsStore.none(), clock, delay,
                (definition, request) -> webhook.call(definition, request)));
    }

    @Test
    void aRegisterThatArrivesAsTheServiceClosesIsA503NotABug() {
        String key = symmetricEnrollment("late", Json.createObjectBuilder());
        dps.close();

        assertThatThrownBy(() -> dps.register(SCOPE, "late", sas("late", key), Optional.empty()))
                .isInstanceOfSatisfying(DpsException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(DpsErrorCode.SERVICE_UNAVAILABLE))
                .hasMessageContaining("the simulator is stopping");
    }

    @Test
    void registrationStaysAssigningUntilTheDelayHasPassed() {
        dps.close();
        dps = service(Duration.ofSeconds(3));
        String key = symmetricEnrollment("dev-1", Json.createObjectBuilder());

        OperationStatus accepted = dps.register(SCOPE, "dev-1", sas("dev-1", key), Optional.empty());
        OperationStatus early = dps.lookupOperation(SCOPE, "dev-1", accepted.operationId(), sas("dev-1", key));
        clock.advance(Duration.ofSeconds(3));
        OperationStatus done = dps.lookupOperation(SCOPE, "dev-1", accepted.operationId(), sas("dev-1", key));

        assertThat(accepted.status()).isEqualTo(RegistrationStatus.ASSIGNING);
        assertThat(dps.retryAfterSeconds()).isEqualTo(3);
        assertThat(early.status()).isEqualTo(RegistrationStatus.ASSIGNING);
        assertThat(early.registrationState()).isEmpty();
        assertThat(done.status()).isEqualTo(RegistrationStatus.ASSIGNED);
        assertThat(dps.registration("dev-1").status()).isEqualTo(RegistrationStatus.ASSIGNED);
    }

    @Test
    void staticPolicyTakesTheFirstListedHub() {
        String key = symmetricEnrollment("dev-static", Json.createObjectBuilder()
                .add("allocationPolicy", "static").add("iotHubs", Json.createArrayBuilder().add(WEST.hostName())));

        Registration registration = registerAndComplete("dev-static", key);

        assertThat(registration.assignedHub()).contains(WEST.hostName());
        assertThat(dps.hub("west").orElseThrow().device("dev-static")).isPresent();
        assertThat(dps.hub("east").orElseThrow().device("dev-static")).isEmpty();
    }

    @Test
    void lowestLatencyPicksTheNearestHub() {
        String key = symmetricEnrollment("dev-geo", Json.createObjectBuilder().add("allocationPolicy", "geoLatency"));

        assertThat(registerAndComplete("dev-geo", key).assignedHub()).contains(WEST.hostName());
    }

    @Test
    void hashedPolicySpreadsDevicesAndIsStablePerDevice() {
        String groupKey = SymmetricKeys.generate();
        dps.putGroup("fleet", Json.createObjectBuilder().add("attestation", Json.createObjectBuilder()
                .add("type", "symmetricKey").add("symmetricKey", Json.createObjectBuilder()
                        .add("primaryKey", groupKey).add("secondaryKey", SymmetricKeys.generate()))).build(), Optional.empty());
        Map<String, String> hubOf = new LinkedHashMap<>();
        for (int i = 0; i < 40; i++) {
            String id = "sensor-" + i;
            hubOf.put(id, registerAndComplete(id, SymmetricKeys.deriveDeviceKey(groupKey, id)).assignedHub().orElseThrow());
        }

        assertThat(Set.copyOf(hubOf.values())).containsExactlyInAnyOrder(EAST.hostName(), WEST.hostName());
        hubOf.forEach((id, first) -> {
            Registration again = registerAndComplete(id, SymmetricKeys.deriveDeviceKey(groupKey, id));
            assertThat(again.assignedHub()).as("the hub of %s's second registration", id).contains(first);
            assertThat(again.substatus()).as(id).contains(Substatus.INITIAL_ASSIGNMENT);
            for (HubRegistry hub : dps.hubs()) {
                assertThat(hub.device(id).isPresent()).as("%s in the registry of %s", id, hub.hub().hostName())
                        .isEqualTo(hub.hub().hostName().equals(first));
            }
        });
        assertThat(dps.registrationsOfGroup("fleet")).hasSize(40);
    }

    @Test
    void reprovisioningSubstatusFollowsThePolicy() {
        String key = symmetricEnrollment("mover", staticOn(EAST));
        assertThat(registerAndComplete("mover", key).substatus()).contains(Substatus.INITIAL_ASSIGNMENT);

        updateEnrollment("mover", key, staticOn(WEST).add("reprovisionPolicy", policy(true, true)));
        Registration moved = registerAndComplete("mover", key);
        assertThat(moved.substatus()).contains(Substatus.DEVICE_DATA_MIGRATED);
        assertThat(moved.assignedHub()).contains(WEST.hostName());
        assertThat(dps.hub("west").orElseThrow().device("mover")).as("the device in the registry of the hub it moved to").isPresent();

        updateEnrollment("mover", key, staticOn(EAST).add("reprovisionPolicy", policy(true, true)));
        Registration back = registerAndComplete("mover", key);
        assertThat(back.substatus()).contains(Substatus.REPROVISIONED_TO_INITIAL_ASSIGNMENT);
        assertThat(back.assignedHub()).contains(EAST.hostName());

        updateEnrollment("mover", key, staticOn(WEST).add("reprovisionPolicy", policy(true, false)));
        assertThat(registerAndComplete("mover", key).substatus()).contains(Substatus.DEVICE_DATA_RESET);

        updateEnrollment("mover", key, staticOn(EAST).add("reprovisionPolicy", policy(false, true)));
        Registration stays = registerAndComplete("mover", key);
        assertThat(stays.assignedHub()).contains(WEST.hostName());
        assertThat(stays.substatus()).contains(Substatus.DEVICE_DATA_RESET);
    }

    @Test
    void customAllocationAsksTheWebhookAndReturnsItsPayload() {
        String key = symmetricEnrollment("dev-custom", Json.createObjectBuilder().add("allocationPolicy", "custom")
                .add("customAllocationDefinition", Json.createObjectBuilder().add("webhookUrl", "https://hooks.example/allocate")));

        Registration registration = registerAndComplete("dev-custom", key,
                Optional.of(Json.createObjectBuilder().add("model", "thermostat-2").build()));

        assertThat(registration.assignedHub()).contains(WEST.hostName());
        assertThat(ServiceJson.json(registration.payload().orElseThrow()).asJsonObject().getString("chosenBy")).isEqualTo("webhook");
        JsonObject request = webhookRequests.getFirst();
        assertThat(request.getJsonObject("individualEnrollment").getString("registrationId")).isEqualTo("dev-custom");
        assertThat(request.getJsonObject("deviceRuntimeContext").getJsonObject("payload").getString("model")).isEqualTo("thermostat-2");
        assertThat(request.getJsonArray("linkedHubs")).hasSize(2);
    }

    @Test
    void webhookErrorFailsTheRegistrationAsDpsDoes() {
        webhook = (definition, request) -> new AllocationWebhook.Answer(400, ServiceJson.allocationChoice(JsonObject.EMPTY_JSON_OBJECT));
        String key = symmetricEnrollment("dev-hookfail", Json.createObjectBuilder().add("allocationPolicy", "custom")
                .add("customAllocationDefinition", Json.createObjectBuilder().add("webhookUrl", "https://hooks.example/allocate")));

        Registration registration = registerAndComplete("dev-hookfail", key);

        assertThat(registration.status()).isEqualTo(RegistrationStatus.FAILED);
        assertThat(registration.errorCode()).contains(400207);
        assertThat(registration.errorMessage()).contains("Custom allocation failed with status code: 400");
    }

    @Test
    void presetDeviceIdAndEdgeCapabilityReachTheHub() {
        String key = symmetricEnrollment("reg-9", Json.createObjectBuilder().add("deviceId", "Boiler-9")
                .add("capabilities", Json.createObjectBuilder().add("iotEdge", true)));

        Registration registration = registerAndComplete("reg-9", key);

        assertThat(registration.deviceId()).isEqualTo("Boiler-9");
        HubDevice device = dps.hub(registration.assignedHub().orElseThrow()).orElseThrow().device("Boiler-9").orElseThrow();
        assertThat(device.iotEdge()).isTrue();
        assertThat(device.authentication()).isInstanceOf(HubDevice.HubAuthentication.Sas.class);
    }

    @Test
    void selfSignedX509DeviceIsMatchedByItsCertificate() {
        HeldCertificate device = HeldCertificate.builder().commonName("my-x509-device").clientAuth().build();
        dps.putEnrollment("my-x509-device", Json.createObjectBuilder().add("attestation", Json.createObjectBuilder()
                .add("type", "x509").add("x509", Json.createObjectBuilder().add("clientCertificates", Json.createObjectBuilder()
                        .add("primary", Json.createObjectBuilder().add("certificate", device.certificatePem()))))).build(), Optional.empty());
        DeviceCredentials credentials = new DeviceCredentials.ClientCertificate(device.fullChain());

        OperationStatus accepted = dps.register(SCOPE, "my-x509-device", credentials, Optional.empty());
        OperationStatus done = dps.lookupOperation(SCOPE, "my-x509-device", accepted.operationId(), credentials);

        assertThat(done.status()).isEqualTo(RegistrationStatus.ASSIGNED);
        assertThat(dps.hubs().stream().flatMap(h -> h.device("my-x509-device").stream()).findFirst().orElseThrow()
                .authentication()).isInstanceOf(HubDevice.HubAuthentication.SelfSigned.class);
    }

    @Test
    void individualEnrollmentNamingAnUploadedCaAcceptsTheDeviceItSigned() {
        HeldCertificate root = HeldCertificate.builder().commonName("Individual Root").certificateAuthority().build();
        HeldCertificate device = HeldCertificate.builder().commonName("ca-device").clientAuth().signedBy(root).build();
        HeldCertificate stranger = HeldCertificate.builder().commonName("ca-device").clientAuth()
                .signedBy(HeldCertificate.builder().commonName("Other Root").certificateAuthority().build()).build();
        dps.putEnrollment("ca-device", caReferenceEnrollment("individual-root"), Optional.empty());
        DeviceCredentials credentials = new DeviceCredentials.ClientCertificate(device.fullChain());

        assertThatThrownBy(() -> dps.register(SCOPE, "ca-device", credentials, Optional.empty()))
                .isInstanceOfSatisfying(DpsException.class, e -> assertThat(e.errorCode()).isEqualTo(DpsErrorCode.UNAUTHORIZED))
                .hasMessageContaining("names CA certificate 'individual-root'").hasMessageContaining("uploaded and verified");
        dps.putCaCertificate("individual-root", root.certificate(), true, Optional.empty());
        OperationStatus accepted = dps.register(SCOPE, "ca-device", credentials, Optional.empty());
        OperationStatus done = dps.lookupOperation(SCOPE, "ca-device", accepted.operationId(), credentials);

        assertThat(done.status()).isEqualTo(RegistrationStatus.ASSIGNED);
        assertThat(dps.hubs().stream().flatMap(h -> h.device("ca-device").stream()).findFirst().orElseThrow().authentication())
                .isEqualTo(new HubDevice.HubAuthentication.CertificateAuthority(root.certificate()));
        assertThatThrownBy(() -> dps.register(SCOPE, "ca-device", new DeviceCredentials.ClientCertificate(stranger.fullChain()),
                Optional.empty()))
                .isInstanceOfSatisfying(DpsException.class, e -> assertThat(e.errorCode()).isEqualTo(DpsErrorCode.UNAUTHORIZED))
                .hasMessageContaining("certificate chain not accepted");
    }

    private static JsonObject caReferenceEnrollment(String caName) {
        return Json.createObjectBuilder().add("attestation", Json.createObjectBuilder().add("type", "x509")
                .add("x509", Json.createObjectBuilder().add("caReferences", Json.createObjectBuilder().add("primary", caName)))).build();
    }

    @Test
    void expiryHasFiveMinutesOfSkewAndNoMore() {
        String key = symmetricEnrollment("dev-clock", Json.createObjectBuilder());
        DeviceCredentials justExpired = new DeviceCredentials.Sas(SasToken.sign(SCOPE + "/registrations/dev-clock", key,
                clock.instant().minus(Duration.ofMinutes(4)), Optional.of("registration")));
        DeviceCredentials longExpired = new DeviceCredentials.Sas(SasToken.sign(SCOPE + "/registrations/dev-clock", key,
                clock.instant().minus(Duration.ofMinutes(6)), Optional.of("registration")));

        assertThat(dps.register(SCOPE, "dev-clock", justExpired, Optional.empty()).status()).isEqualTo(RegistrationStatus.ASSIGNING);
        assertThatThrownBy(() -> dps.register(SCOPE, "dev-clock", longExpired, Optional.empty()))
                .isInstanceOfSatisfying(DpsException.class, e -> assertThat(e.errorCode()).isEqualTo(DpsErrorCode.UNAUTHORIZED))
                .hasMessageContaining("expired");
    }

    @Test
    void operationOfAnotherDeviceIsNotFound() {
        String key = symmetricEnrollment("dev-a", Json.createObjectBuilder());
        String otherKey = symmetricEnrollment("dev-b", Json.createObjectBuilder());
        String operation = dps.register(SCOPE, "dev-a", sas("dev-a", key), Optional.empty()).operationId();

        assertThatThrownBy(() -> dps.lookupOperation(SCOPE, "dev-b", operation, sas("dev-b", otherKey)))
                .isInstanceOfSatisfying(DpsException.class, e -> assertThat(e.errorCode()).isEqualTo(DpsErrorCode.NOT_FOUND));
    }

    private Registration registerAndComplete(String id, String key) {
        return registerAndComplete(id, key, Optional.empty());
    }

    private Registration registerAndComplete(String id, String key, Optional<JsonObject> payload) {
        OperationStatus accepted = dps.register(SCOPE, id, sas(id, key), payload.map(p -> p));
        OperationStatus done = dps.lookupOperation(SCOPE, id, accepted.operationId(), sas(id, key));
        assertThat(done.status().isTerminal()).isTrue();
        return done.registrationState().orElseThrow();
    }

    private String symmetricEnrollment(String id, JsonObjectBuilder settings) {
        String key = SymmetricKeys.generate();
        updateEnrollment(id, key, settings);
        return key;
    }

    private void updateEnrollment(String id, String key, JsonObjectBuilder settings) {
        dps.putEnrollment(id, settings.add("attestation", Json.createObjectBuilder().add("type", "symmetricKey")
                .add("symmetricKey", Json.createObjectBuilder().add("primaryKey", key).add("secondaryKey", SymmetricKeys.generate())))
                .build(), Optional.empty());
    }

    private static JsonObjectBuilder staticOn(Hub hub) {
        return Json.createObjectBuilder().add("allocationPolicy", "static").add("iotHubs", Json.createArrayBuilder().add(hub.hostName()));
    }

    private static JsonObjectBuilder policy(boolean updateHubAssignment, boolean migrateDeviceData) {
        return Json.createObjectBuilder().add("updateHubAssignment", updateHubAssignment).add("migrateDeviceData", migrateDeviceData);
    }

    private DeviceCredentials sas(String id, String key) {
        return new DeviceCredentials.Sas(SasToken.sign(SCOPE + "/registrations/" + id, key,
                clock.instant().plus(Duration.ofHours(1)), Optional.of("registration")));
    }

    @Test
    void bulkCreateReportsExistingItemsAndAppliesTheRest() {
        symmetricEnrollment("existing", Json.createObjectBuilder());
        JsonObject body = Json.createObjectBuilder().add("attestation", Json.createObjectBuilder().add("type", "symmetricKey")).build();

        List<BulkEnrollmentOperationResult.Error> errors = dps.bulk(new BulkEnrollmentOperation(BulkEnrollmentOperation.Target.ENROLLMENTS,
                "create", List.of(item("existing", body), item("fresh", body)))).errors();

        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.id()).isEqualTo("existing");
            assertThat(error.errorCode()).isEqualTo(409203);
        });
        assertThat(dps.enrollment("fresh").attestation()).isInstanceOf(Attestation.SymmetricKey.class);
        assertThatThrownBy(() -> dps.bulk(new BulkEnrollmentOperation(BulkEnrollmentOperation.Target.ENROLLMENTS,
                "upsert", List.of(item("x", body)))))
                .hasMessageContaining("bulk mode 'upsert'");
    }

    private static BulkEnrollmentOperation.Item item(String registrationId, JsonObject body) {
        return new BulkEnrollmentOperation.Item(registrationId, Optional.empty(), body);
    }
}
