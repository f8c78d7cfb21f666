package dev.dpsrig.simulator.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dpsrig.protocol.MessageProperty;
import dev.dpsrig.simulator.hub.DeviceBoundStore;
import dev.dpsrig.simulator.hub.DeviceMessage;
import dev.dpsrig.simulator.hub.QueueEntry;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hub's data written by an earlier build keeps working: its message log and its devices'
 * cloud-to-device queues read back into the hub's values and are written out again byte for byte.
 *
 * <p>{@code hub-data-directory} holds what the simulator stored for hub {@code east}: three accepted
 * messages (one sent as a module with a body that is not UTF-8, one empty) and two queues, one with a
 * message under a lock, one with a message abandoned once.
 */
class HubStoredFormTest {
    private static final Path STORED = resource("hub-data-directory");
    private static final String LOG = "hubs/east/messages.jsonl";

    @TempDir
    Path copy;

    @TempDir
    Path rewritten;

    @Test
    void theMessageLogReadsBackAndIsWrittenAsItWas() throws IOException {
        Files.createDirectories(copy.resolve(LOG).getParent());
        Files.copy(STORED.resolve(LOG), copy.resolve(LOG));

        List<DeviceMessage> messages;
        try (FileMessageLog log = new FileMessageLog(copy.resolve(LOG))) {
            messages = log.readAll();
        }
        try (FileMessageLog log = new FileMessageLog(rewritten.resolve(LOG))) {
            log.appendAll(messages);
        }

        assertThat(messages).extracting(DeviceMessage::sequenceNumber).containsExactly(1L, 2L, 3L);
        assertThat(messages.getFirst().bodyText()).isEqualTo("{\"temp\":21.5}");
        assertThat(messages.getFirst().systemProperties()).containsEntry(MessageProperty.CONTENT_TYPE, "application/json");
        assertThat(messages.get(1).moduleId()).contains("module-a");
        assertThat(messages.get(1).body()).containsExactly(0xff, 0, 1, 2);
        assertThat(messages.get(2).authMethod()).isEqualTo("certificateAuthority");
        assertThat(messages.get(2).enqueuedTime()).isEqualTo(Instant.parse("2026-01-01T00:10:02.1234567Z"));
        assertThat(Files.readString(rewritten.resolve(LOG))).isEqualTo(Files.readString(STORED.resolve(LOG)));
    }

    @Test
    void aDamagedLineIsReportedWithItsNumber() throws IOException {
        Path log = copy.resolve("messages.jsonl");
        Files.copy(STORED.resolve(LOG), log);
        Files.writeString(log, "{\"sequenceNumber\":4,\"hub\":\"east\"}\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        try (FileMessageLog damaged = new FileMessageLog(log)) {
            assertThatThrownBy(damaged::readAll).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("is damaged at line 4");
        }
    }

    @Test
    void cloudToDeviceQueuesReadBackAndAreWrittenAsTheyWere() throws IOException {
        DeviceBoundStore read = new DeviceBoundDocuments(new FileStateStore(STORED.resolve("state")));
        DeviceBoundStore written = new DeviceBoundDocuments(new FileStateStore(rewritten));

        Map<String, List<QueueEntry>> queues = read.queues("east");
        queues.forEach((deviceId, queue) -> written.put("east", deviceId, queue));

        assertThat(queues).containsOnlyKeys("sensor-1", "gateway");
        QueueEntry locked = queues.get("sensor-1").getFirst();
        assertThat(locked.message().bodyText()).isEqualTo("reboot");
        assertThat(locked.message().systemProperties()).containsEntry(MessageProperty.ACK, "full");
        assertThat(locked.lockToken()).isPresent();
        assertThat(locked.lockedAt(Instant.parse("2026-01-01T00:11:00Z"))).isTrue();
        assertThat(queues.get("sensor-1").get(1).lockToken()).isEmpty();
        assertThat(queues.get("gateway")).singleElement().satisfies(entry -> {
            assertThat(entry.deliveryCount()).isEqualTo(1);
            assertThat(entry.message().deviceId()).isEqualTo("gateway");
        });
        Path kind = Path.of(DeviceBoundDocuments.kind("east"));
        List<Path> stored = files(STORED.resolve("state").resolve(kind));
        assertThat(files(rewritten.resolve(kind))).hasSameSizeAs(stored);
        for (Path file : stored) {
            assertThat(Files.readString(rewritten.resolve(kind).resolve(file.getFileName())))
                    .as("%s", file.getFileName()).isEqualTo(Files.readString(file));
        }
    }

    @Test
    void anEmptiedQueueIsForgotten() {
        DeviceBoundStore store = new DeviceBoundDocuments(new FileStateStore(rewritten));
        List<QueueEntry> queue = new DeviceBoundDocuments(new FileStateStore(STORED.resolve("state"))).queues("east").get("gateway");

        store.put("east", "gateway", queue);
        assertThat(store.queues("east")).containsOnlyKeys("gateway");
        assertThat(store.queues("west")).as("queues are per hub").isEmpty();
        store.delete("east", "gateway");

        assertThat(store.queues("east")).isEmpty();
    }

    private static List<Path> files(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static Path resource(String name) {
        try {
            return Path.of(HubStoredFormTest.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
