package dev.dpsrig.simulator.store;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStateStoreTest {
    @TempDir
    Path root;

    @Test
    void openingRemovesTheTemporaryFilesAKilledWriterLeftAndNothingElse() throws IOException {
        Path enrollments = Files.createDirectories(root.resolve("enrollments"));
        Path devices = Files.createDirectories(root.resolve("hubs").resolve("hub-1").resolve("devices"));
        Path emptyLeftover = Files.createFile(enrollments.resolve(".write-123456789.tmp"));
        Path fullLeftover = Files.writeString(devices.resolve(".write-42.tmp"), "{\"deviceId\":");
        Path stored = Files.writeString(enrollments.resolve("dev-1.json"), "{\"registrationId\":\"dev-1\"}");
        Path notOurs = Files.createFile(enrollments.resolve("notes.tmp"));
        Path notOurPattern = Files.createFile(enrollments.resolve(".write-abc.tmp"));
        Path outside = Files.createFile(root.getParent().resolve(".write-7.tmp"));
        try {
            new FileStateStore(root);

            assertThat(emptyLeftover).doesNotExist();
            assertThat(fullLeftover).doesNotExist();
            assertThat(stored).exists();
            assertThat(notOurs).exists();
            assertThat(notOurPattern).exists();
            assertThat(outside).as("only the store's own folders are cleaned").exists();
        } finally {
            Files.deleteIfExists(outside);
        }
    }

    @Test
    void writesCreateTheirFoldersAndLeaveNoTemporaryFile() throws IOException {
        FileStateStore store = new FileStateStore(root.resolve("state"));
        JsonObject document = Json.createObjectBuilder().add("registrationId", "dev-1").build();

        store.put("hubs/hub-1/devices", "dev/1", () -> document);
        store.put("hubs/hub-1/devices", "dev/1", () -> document);
        store.put("enrollments", "gone", () -> document);
        store.delete("enrollments", "gone");
        store.delete("enrollments", "never-there");

        assertThat(new FileStateStore(root.resolve("state")).loadAll("hubs/hub-1/devices")).containsExactly(java.util.Map.entry("dev/1", document));
        assertThat(store.loadAll("enrollments")).isEmpty();
        try (Stream<Path> files = Files.walk(root)) {
            assertThat(files.map(path -> path.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        }
    }
}
