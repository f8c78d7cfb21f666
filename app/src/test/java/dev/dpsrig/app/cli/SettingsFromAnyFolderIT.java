package dev.dpsrig.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.simulator.server.LocalSimulator;
import dev.dpsrig.simulator.server.SimulatorConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built {@code dpsrig} finds a running simulator's settings from a subfolder of the project (where
 * the X.509 walkthrough has you make certificates) and from anywhere through {@code DPSRIG_DATA_DIR}.
 * A real process, because the working folder is what is under test.
 */
class SettingsFromAnyFolderIT {
    private static final Path JAR = Path.of("target", "dpsrig.jar").toAbsolutePath();

    @TempDir
    Path project;

    @TempDir
    Path elsewhere;

    private LocalSimulator simulator;

    @BeforeEach
    void start() {
        simulator = LocalSimulator.start(SimulatorConfig.builder().dataDirectory(project.resolve("dpsrig-data")).dpsPort(0).build());
        simulator.service().putGroup("from-a-subfolder", Jsonp.createObjectBuilder()
                .add("attestation", Jsonp.createObjectBuilder().add("type", "symmetricKey")).build(),
                Optional.empty());
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void aSubfolderOfTheProjectFindsTheNearestDataDirectory() throws Exception {
        Path certificates = Files.createDirectories(project.resolve("walkthrough").resolve("certs"));

        CommandRun run = dpsrig(certificates, Map.of(), "dps", "enrollment-group", "list");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"from-a-subfolder\"");
    }

    @Test
    void theEnvironmentVariableNamesItFromAnywhere() throws Exception {
        CommandRun run = dpsrig(elsewhere, Map.of("DPSRIG_DATA_DIR", project.resolve("dpsrig-data").toString()),
                "dps", "enrollment-group", "list");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"from-a-subfolder\"");
    }

    @Test
    void nowhereToFindItSaysWhereItLooked() throws Exception {
        CommandRun run = dpsrig(elsewhere, Map.of(), "dps", "enrollment-group", "list");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("no dev-settings.json").contains("DPSRIG_DATA_DIR").contains(elsewhere.toString());
    }

    private static CommandRun dpsrig(Path folder, Map<String, String> environment, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile());
        builder.environment().remove("DPSRIG_DATA_DIR");
        builder.environment().putAll(environment);
        Path out = Files.createTempFile("dpsrig-out", ".txt");
        Path err = Files.createTempFile("dpsrig-err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("dpsrig " + String.join(" ", args) + " did not end within 60 s");
        }
        return new CommandRun(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }
}
