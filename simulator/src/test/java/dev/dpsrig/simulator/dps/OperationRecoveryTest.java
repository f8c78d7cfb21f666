package dev.dpsrig.simulator.dps;

import dev.dpsrig.protocol.DpsErrorCode;
import dev.dpsrig.protocol.RegistrationStatus;
import dev.dpsrig.protocol.SasToken;
import dev.dpsrig.protocol.SymmetricKeys;
import dev.dpsrig.simulator.http.InProcessDps;
import dev.dpsrig.simulator.json.ServiceJson;
import dev.dpsrig.simulator.store.DpsDocuments;
import dev.dpsrig.simulator.store.StateStore;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A registration in flight when the process stops ends, after a restart, as it would have: the
 * outcome decided at register time applied when due, or failed with a documented code. A "stop" here
 * is a service dropped without closing; the next one reads the same store.
 */
class OperationRecoveryTest {
    private static final String SCOPE = "0ne00000001";
    private static final Hub EAST = new Hub("east", "east.example:4431", 1, Duration.ZERO);
    private static final Hub WEST = new Hub("west", "west.example:4432", 1, Duration.ZERO);
    private static final String DEVICE = "dev-1";
    private static final Duration DELAY = Duration.ofMinutes(10);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final MapStore store = new MapStore();
    private final List<InProcessDps> services = new ArrayList<>();
    private String key;

    @AfterEach
    void close() {
        services.forEach(InProcessDps::close);
    }

    @Test
    void operationNotYetDueCompletesWhenDueWithTheDecidedOutcome() {
        InProcessDps before = start(List.of(EAST, WEST));
        enrollOn(before, WEST);
        String operationId = before.register(SCOPE, DEVICE, sas(), Optional.empty()).operationId();
        clock.advance(DELAY.minusMinutes(1));

        InProcessDps after = start(List.of(EAST, WEST));

        assertThat(after.registration(DEVICE).status()).isEqualTo(RegistrationStatus.ASSIGNING);
        assertThat(after.lookupOperation(SCOPE, DEVICE, operationId, sas()).status()).isEqualTo(RegistrationStatus.ASSIGNING);
        clock.advance(Duration.ofMinutes(1));
        OperationStatus done = after.lookupOperation(SCOPE, DEVICE, operationId, sas());
        assertThat(done.status()).isEqualTo(RegistrationStatus.ASSIGNED);
        assertThat(done.registrationState().orElseThrow().assignedHub()).contains(WEST.hostName());
        assertThat(after.registration(DEVICE).assignedHub()).contains(WEST.hostName());
        assertThat(after.hub("west").orElseThrow().device(DEVICE)).hasValueSatisfying(device -> {
            assertThat(device.registrationId()).isEqualTo(DEVICE);
            assertThat(device.authentication()).isInstanceOf(HubDevice.HubAuthentication.Sas.class);
        });
    }

    @Test
    void operationDueWhileStoppedCompletesOnStartWithoutALookup() throws InterruptedException {
        InProcessDps before = start(List.of(EAST, WEST));
        enrollOn(before, EAST);
        before.register(SCOPE, DEVICE, sas(), Optional.empty());
        clock.advance(DELAY.plusSeconds(1));

        InProcessDps after = start(List.of(EAST, WEST));

        assertThat(awaitTerminal(after).assignedHub()).contains(EAST.hostName());
        assertThat(after.hub("east").orElseThrow().device(DEVICE)).isPresent();
    }

    @Test
    void stopBetweenTheHubDeviceAndTheRegistrationIsAppliedAgain() {
        InProcessDps before = start(List.of(EAST, WEST));
        enrollOn(before, EAST);
        String operationId = before.register(SCOPE, DEVICE, sas(), Optional.empty()).operationId();
        clock.advance(DELAY);
        store.failRegistrationWrites = true;
        assertThatThrownBy(() -> before.lookupOperation(SCOPE, DEVICE, operationId, sas())).isInstanceOf(UncheckedIOException.class);
        assertThat(store.documents.get("hubs/east/devices")).as("the hub device was written first").containsKey(DEVICE);
        store.failRegistrationWrites = false;

        InProcessDps after = start(List.of(EAST, WEST));

        assertThat(after.lookupOperation(SCOPE, DEVICE, operationId, sas()).status()).isEqualTo(RegistrationStatus.ASSIGNED);
        assertThat(after.registration(DEVICE).assignedHub()).contains(EAST.hostName());
    }

    @Test
    void operationToAHubNoLongerLinkedEndsFailedWithTheNoHubCode() throws InterruptedException {
        InProcessDps before = start(List.of(EAST, WEST));
        enrollOn(before, WEST);
        before.register(SCOPE, DEVICE, sas(), Optional.empty());
        clock.advance(DELAY);

        InProcessDps after = start(List.of(EAST));

        Registration ended = awaitTerminal(after);
        assertThat(ended.status()).isEqualTo(RegistrationStatus.FAILED);
        assertThat(ended.errorCode()).contains(DpsErrorCode.NO_HUB.code());
        assertThat(ended.errorMessage().orElseThrow()).contains(WEST.hostName()).contains("no longer linked").contains("register again");
        assertThat(after.hub("east").orElseThrow().device(DEVICE)).isEmpty();
    }

    @Test
    void assigningRegistrationWithNoOperationKeptEndsFailedWithTheInternalErrorCode() {
        InProcessDps before = start(List.of(EAST, WEST));
        enrollOn(before, EAST);
        before.register(SCOPE, DEVICE, sas(), Optional.empty());
        Map<String, JsonObject> registrations = store.documents.get(DpsDocuments.REGISTRATIONS);
        registrations.replaceAll((id, stored) -> Json.createObjectBuilder(stored).remove("operation").build());

        InProcessDps after = start(List.of(EAST, WEST));

        Registration ended = after.registration(DEVICE);
        assertThat(ended.status()).isEqualTo(RegistrationStatus.FAILED);
        assertThat(ended.errorCode()).contains(DpsErrorCode.INTERNAL_ERROR.code());
        assertThat(ended.errorMessage().orElseThrow()).contains("register again");
        OperationStatus again = after.register(SCOPE, DEVICE, sas(), Optional.empty());
        clock.advance(DELAY);
        assertThat(after.lookupOperation(SCOPE, DEVICE, again.operationId(), sas()).status()).isEqualTo(RegistrationStatus.ASSIGNED);
    }

    @Test
    void storedOperationIsNeverShownOnTheServiceApi() {
        InProcessDps before = start(List.of(EAST, WEST));
        enrollOn(before, EAST);
        before.register(SCOPE, DEVICE, sas(), Optional.empty());

        assertThat(store.documents.get(DpsDocuments.REGISTRATIONS).values()).singleElement()
                .satisfies(stored -> assertThat(stored).containsKey("operation"));
        assertThat(ServiceJson.toJson(before.registration(DEVICE))).doesNotContainKey("operation");
    }

    /**
     * Operations fall due by the test's clock; the delay is long so that the service's timer, which
     * runs in real time, never completes one behind the test's back.
     */
    private InProcessDps start(List<Hub> hubs) {
        InProcessDps service = new InProcessDps(new ProvisioningService(SCOPE, hubs, new DpsDocuments(store), clock, DELAY,
                (definition, request) -> {
                    throw new AssertionError("no webhook here");
                }));
        services.add(service);
        return service;
    }

    private void enrollOn(InProcessDps service, Hub hub) {
        key = SymmetricKeys.generate();
        service.putEnrollment(DEVICE, Json.createObjectBuilder()
                .add("allocationPolicy", "static").add("iotHubs", Json.createArrayBuilder().add(hub.hostName()))
                .add("attestation", Json.createObjectBuilder().add("type", "symmetricKey").add("symmetricKey",
                        Json.createObjectBuilder().add("primaryKey", key).add("secondaryKey", SymmetricKeys.generate())))
                .build(), Optional.empty());
    }

    private DeviceCredentials sas() {
        return new DeviceCredentials.Sas(SasToken.sign(SCOPE + "/registrations/" + DEVICE, key,
                clock.instant().plus(Duration.ofDays(1)), Optional.of("registration")));
    }

    private static Registration awaitTerminal(InProcessDps service) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        Registration registration = service.registration(DEVICE);
        while (registration.status() == RegistrationStatus.ASSIGNING && System.nanoTime() < deadline) {
            Thread.sleep(10);
            registration = service.registration(DEVICE);
        }
        return registration;
    }

    /** Keeps documents as the file store does, by value; can refuse registration writes as a stopped process would. */
    private static final class MapStore implements StateStore {
        final Map<String, Map<String, JsonObject>> documents = new ConcurrentHashMap<>();
        volatile boolean failRegistrationWrites;

        @Override
        public void put(String kind, String id, Supplier<JsonObject> document) {
            if (failRegistrationWrites && kind.equals(DpsDocuments.REGISTRATIONS)) {
                throw new UncheckedIOException(new java.io.IOException("the process stopped here"));
            }
            documents.computeIfAbsent(kind, k -> new ConcurrentHashMap<>()).put(id, document.get());
        }

        @Override
        public void delete(String kind, String id) {
            documents.getOrDefault(kind, Map.of()).remove(id);
        }

        @Override
        public Map<String, JsonObject> loadAll(String kind) {
            return new LinkedHashMap<>(documents.getOrDefault(kind, Map.of()));
        }
    }
}
