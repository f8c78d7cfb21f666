package dev.dpsrig.emulator.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {
    @TempDir
    Path project;

    @Test
    void theNearestDataDirectoryAboveTheWorkingFolderIsFound() throws Exception {
        Files.createDirectories(project.resolve("dpsrig-data"));
        Path certificates = Files.createDirectories(project.resolve("walkthrough/certs"));

        Optional<DataDirectory> found = DataDirectory.locate(Optional.empty(), Map.of(), certificates);

        assertThat(found).map(DataDirectory::path).contains(project.resolve("dpsrig-data"));
        assertThat(found.orElseThrow().source()).startsWith("found from");
    }

    @Test
    void theOptionWinsOverTheEnvironmentWhichWinsOverTheSearch() throws Exception {
        Files.createDirectories(project.resolve("dpsrig-data"));
        Map<String, String> environment = Map.of(DataDirectory.ENVIRONMENT_VARIABLE, "/from/env");

        assertThat(DataDirectory.locate(Optional.of(Path.of("/from/option")), environment, project))
                .contains(new DataDirectory(Path.of("/from/option"), "--data-dir"));
        assertThat(DataDirectory.locate(Optional.empty(), environment, project))
                .contains(new DataDirectory(Path.of("/from/env"), DataDirectory.ENVIRONMENT_VARIABLE));
    }

    @Test
    void nothingIsFoundWhereNoFolderHasOne() {
        assertThat(DataDirectory.locate(Optional.empty(), Map.of(DataDirectory.ENVIRONMENT_VARIABLE, " "), project)).isEmpty();
    }
}
