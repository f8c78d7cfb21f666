package dev.dpsrig.simulator.server;

import dev.dpsrig.simulator.dps.ProvisioningService;
import dev.dpsrig.simulator.hub.MessageLog;
import dev.dpsrig.simulator.hub.SimulatedHub;
import dev.dpsrig.simulator.store.DeviceBoundDocuments;
import dev.dpsrig.simulator.store.DpsDocuments;
import dev.dpsrig.simulator.store.DurableFiles;
import dev.dpsrig.simulator.store.FileMessageLog;
import dev.dpsrig.simulator.store.FileStateStore;
import dev.dpsrig.simulator.store.StateStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The folder a simulator keeps its files in: {@code tls/} (its development TLS identity), {@code state/}
 * (enrollments, registrations, the hubs' message logs and cloud-to-device queues) and
 * {@code dev-settings.json}. Without a folder given, a temporary one, removed when the simulator
 * stops, whose state is never kept.
 */
final class DataDirectory {
    private final Path path;
    private final boolean temporary;

    private DataDirectory(Path path, boolean temporary) {
        this.path = path.toAbsolutePath();
        this.temporary = temporary;
    }

    /** The folder given, or a new temporary one. */
    static DataDirectory of(Optional<Path> given) {
        return given.map(folder -> new DataDirectory(folder, false)).orElseGet(() -> new DataDirectory(createTemporary(), true));
    }

    /** What was stored when the simulator last stopped, read before any port listens. */
    record StoredState(ProvisioningService.Stored dps, Map<String, SimulatedHub.Stored> hubs, List<MessageLog> logs) {
        void closeLogs() {
            logs.forEach(MessageLog::close);
        }
    }

    /** Reads the stored state of the DPS and of these hubs; with {@code keepState} off (or a temporary folder), none. */
    StoredState load(boolean keepState, List<String> hubNames, SimulatorConfig config) {
        boolean keep = keepState && !temporary;
        Path stateDirectory = path.resolve("state");
        StateStore store = keep ? new FileStateStore(stateDirectory) : StateStore.none();
        ProvisioningService.Stored dps = ProvisioningService.load(new DpsDocuments(store), hubNames);
        Map<String, SimulatedHub.Stored> hubs = new LinkedHashMap<>();
        List<MessageLog> logs = new ArrayList<>();
        for (String hub : hubNames) {
            MessageLog log = keep ? new FileMessageLog(stateDirectory.resolve("hubs").resolve(hub).resolve("messages.jsonl"))
                    : MessageLog.none();
            logs.add(log);
            hubs.put(hub, SimulatedHub.load(hub, log, new DeviceBoundDocuments(store), config.cloudToDevice));
        }
        return new StoredState(dps, hubs, logs);
    }

    Path tlsDirectory() {
        return path.resolve("tls");
    }

    Path settingsFile() {
        return path.resolve("dev-settings.json");
    }

    /** Writes {@code dev-settings.json} whole or not at all, and forced to disk. */
    void writeSettings(String content) {
        Path file = settingsFile();
        try {
            DurableFiles.createDirectories(path);
            Path partial = Files.createTempFile(path, ".dev-settings-", ".tmp");
            DurableFiles.writeAndForce(partial, content.getBytes(StandardCharsets.UTF_8));
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            DurableFiles.forceDirectory(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Removes a temporary folder; a folder that was given is left as it is. */
    void removeIfTemporary() {
        if (!temporary) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException ignored) {
            // A temporary folder left behind is harmless; the OS cleans it.
        }
    }

    private static Path createTemporary() {
        try {
            return Files.createTempDirectory("dpsrig-simulator-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for the simulator's files", e);
        }
    }
}
