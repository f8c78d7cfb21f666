package dev.dpsrig.simulator.dps;

import dev.dpsrig.protocol.DpsErrorCode;
import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.protocol.RegistrationStatus;
import dev.dpsrig.protocol.Substatus;
import dev.dpsrig.simulator.json.ServiceJson;
import dev.dpsrig.simulator.store.DpsDocuments;
import dev.dpsrig.simulator.store.FileStateStore;
import jakarta.json.JsonObject;
import jakarta.json.JsonWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A data directory written by an earlier build keeps working: every document in it reads back into the
 * domain and is written out again byte for byte as it was, registration states show devices and the
 * service API the same JSON as before, and the operations that were in flight complete as decided.
 *
 * <p>{@code data-directory} holds what the simulator stored for enrollments, groups, CA certificates,
 * registrations in every state (three of them {@code assigning}, with the operation kept with them) and
 * the devices of two hubs; {@code registration-states} what it showed for each registration.
 */
class StoredFormTest {
    private static final String SCOPE = "0ne00000001";
    private static final Hub EAST = new Hub("east", "east.example:4431", 1, Duration.ofMillis(80));
    private static final Hub WEST = new Hub("west", "west.example:4432", 1, Duration.ofMillis(20));
    private static final List<String> KINDS = List.of(DpsDocuments.ENROLLMENTS, DpsDocuments.GROUPS, DpsDocuments.CERTIFICATES,
            DpsDocuments.REGISTRATIONS, DpsDocuments.hubDevicesKind("east"), DpsDocuments.hubDevicesKind("west"));

    @TempDir
    Path copy;

    @TempDir
    Path rewritten;

    private ProvisioningService service;

    @AfterEach
    void close() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void everyStoredDocumentIsWrittenBackAsItWasRead() throws IOException {
        copyTree(resource("data-directory"), copy);
        DpsStore read = new DpsDocuments(new FileStateStore(copy));
        DpsStore written = new DpsDocuments(new FileStateStore(rewritten));

        read.enrollments().forEach(written::put);
        read.groups().forEach(written::put);
        read.caCertificates().forEach(written::put);
        read.registrations().forEach(written::put);
        for (String hub : List.of("east", "west")) {
            read.hubDevices(hub).values().forEach(device -> written.put(hub, device));
        }

        int documents = 0;
        for (String kind : KINDS) {
            List<Path> stored = files(copy.resolve(kind));
            assertThat(files(rewritten.resolve(kind))).as(kind).hasSameSizeAs(stored);
            for (Path file : stored) {
                assertThat(Files.readString(rewritten.resolve(kind).resolve(file.getFileName())))
                        .as("%s/%s", kind, file.getFileName()).isEqualTo(Files.readString(file));
                documents++;
            }
        }
        assertThat(documents).isEqualTo(24);
    }

    @Test
    void registrationStatesShowWhatTheyShowedBefore() throws IOException {
        copyTree(resource("data-directory"), copy);
        Map<String, Registration> byId = new DpsDocuments(new FileStateStore(copy)).registrations().stream()
                .collect(Collectors.toMap(Registration::registrationId, r -> r));
        List<Path> shown = files(resource("registration-states"));
        for (Path file : shown) {
            String id = file.getFileName().toString().replace(".json", "");
            assertThat(text(ServiceJson.toJson(byId.get(id)))).as("%s", file.getFileName()).isEqualTo(Files.readString(file));
        }
        assertThat(shown).hasSize(8);
    }

    @Test
    void aDataDirectoryWithOperationsInFlightLoadsAndCompletesThem() throws Exception {
        copyTree(resource("data-directory"), copy);
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:13:00Z"));

        service = new ProvisioningService(SCOPE, List.of(EAST, WEST), new DpsDocuments(new FileStateStore(copy)), clock, Duration.ofMinutes(10),
                (definition, request) -> {
                    throw new AssertionError("no webhook here");
                });

        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (service.registrations().stream().anyMatch(r -> r.status() == RegistrationStatus.ASSIGNING)
                && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Map<String, Registration> byId = service.registrations().stream()
                .collect(Collectors.toMap(Registration::registrationId, r -> r));
        assertThat(byId).hasSize(8);
        assertAssigned(byId.get("dev-pending"), WEST, Substatus.DEVICE_DATA_MIGRATED);
        assertThat(byId.get("dev-pending").firstAssignedHub()).contains(EAST.hostName());
        assertThat(service.hub("west").orElseThrow().device("dev-pending")).hasValueSatisfying(device -> {
            assertThat(device.iotEdge()).isTrue();
            assertThat(ServiceJson.json(device.initialTwin().orElseThrow()).asJsonObject().getJsonObject("properties").getJsonObject("desired").getInt("rate"))
                    .isEqualTo(5);
        });
        assertAssigned(byId.get("x509-member"), WEST, Substatus.INITIAL_ASSIGNMENT);
        assertThat(byId.get("x509-member").enrollmentGroupId()).contains("x509-group");
        assertThat(service.hub("west").orElseThrow().device("x509-member").orElseThrow().authentication())
                .isInstanceOf(HubDevice.HubAuthentication.CertificateAuthority.class);
        assertAssigned(byId.get("my-x509-device"), EAST, Substatus.INITIAL_ASSIGNMENT);
        assertThat(byId.get("my-x509-device").deviceId()).isEqualTo("self-signed-1");
        assertThat(byId.get("my-x509-device").certificate()).isPresent();
        assertAssigned(byId.get("mover"), WEST, Substatus.DEVICE_DATA_RESET);
        assertThat(byId.get("mover").firstAssignedHub()).contains(EAST.hostName());
        assertAssigned(byId.get("sensor-1"), EAST, Substatus.INITIAL_ASSIGNMENT);
        assertThat(byId.get("sensor-1").enrollmentGroupId()).contains("fleet");
        assertAssigned(byId.get("dev-custom"), WEST, Substatus.INITIAL_ASSIGNMENT);
        assertThat(ServiceJson.json(byId.get("dev-custom").payload().orElseThrow()).asJsonObject().getString("chosenBy")).isEqualTo("webhook");
        assertThat(byId.get("dev-hookfail").status()).isEqualTo(RegistrationStatus.FAILED);
        assertThat(byId.get("dev-hookfail").errorCode()).contains(DpsErrorCode.CUSTOM_ALLOCATION_FAILED.code());
        assertThat(byId.get("dev-hookfail").errorMessage()).contains("Custom allocation failed with status code: 400");
        assertThat(byId.get("dev-off").status()).isEqualTo(RegistrationStatus.DISABLED);
        assertThat(byId.get("dev-off").errorMessage()).contains("the enrollment of 'dev-off' is disabled");
        assertThat(service.enrollments()).hasSize(6);
        assertThat(service.groups()).extracting(EnrollmentGroup::enrollmentGroupId).containsExactly("fleet", "x509-group");
        assertThat(service.caCertificate("golden-root").verified()).isTrue();
        assertThat(service.caCertificate("unverified-root").verificationCode()).isPresent();
    }

    private static void assertAssigned(Registration registration, Hub hub, Substatus substatus) {
        assertThat(registration.status()).as(registration.registrationId()).isEqualTo(RegistrationStatus.ASSIGNED);
        assertThat(registration.assignedHub()).as(registration.registrationId()).contains(hub.hostName());
        assertThat(registration.substatus()).as(registration.registrationId()).contains(substatus);
    }

    /** As the file store writes a document. */
    private static String text(JsonObject document) {
        StringWriter text = new StringWriter();
        try (JsonWriter writer = Jsonp.createWriter(text)) {
            writer.writeObject(document);
        }
        return text.toString();
    }

    private static List<Path> files(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static Path resource(String name) {
        try {
            return Path.of(StoredFormTest.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
    }
}
