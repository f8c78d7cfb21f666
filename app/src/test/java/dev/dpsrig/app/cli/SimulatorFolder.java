package dev.dpsrig.app.cli;

import dev.dpsrig.simulator.server.LocalSimulator;
import dev.dpsrig.simulator.server.SimulatorConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A simulator of its own for each test, on free ports, keeping its state and {@code dev-settings.json} in a data
 * directory as {@code dpsrig serve} does, so that commands find it with {@code --data-dir}; registrations are assigned
 * at once. Register it with {@code @RegisterExtension final SimulatorFolder running = new SimulatorFolder();}.
 */
public final class SimulatorFolder implements BeforeEachCallback, AfterEachCallback {
    private Path dataDir;
    private LocalSimulator simulator;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        dataDir = Files.createTempDirectory("dpsrig-data-");
        simulator = LocalSimulator.start(SimulatorConfig.builder()
                .dataDirectory(dataDir).dpsPort(0).assignmentDelay(Duration.ZERO).build());
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        try {
            simulator.close();
        } finally {
            try (Stream<Path> paths = Files.walk(dataDir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(SimulatorFolder::delete);
            }
        }
    }

    /** The data directory the running simulator keeps its state and settings in. */
    public Path dataDir() {
        return dataDir;
    }

    /** The running simulator. */
    public LocalSimulator simulator() {
        return simulator;
    }

    /** {@code dpsrig COMMAND ARGS... --data-dir DATA_DIR}, run as the main runs it. */
    public CommandRun run(String command, String... args) {
        return CommandRun.against(dataDir, command, args);
    }

    private static void delete(Path path) {
        try {
            Files.delete(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
