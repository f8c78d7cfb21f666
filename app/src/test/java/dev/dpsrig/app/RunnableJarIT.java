package dev.dpsrig.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar the {@code dpsrig} launcher runs, as packaged: its manifest class path must hold everything
 * the commands and the step library load at run time, which the test class path (a superset) cannot
 * show. Runs the main job on a few scenarios whose steps reach for the step library's assertions.
 */
class RunnableJarIT {
    private static final Path JAR = Path.of("target", "dpsrig.jar");

    @TempDir
    Path reports;

    @Test
    void theMainJobRunsFromThePackagedJar() throws IOException, InterruptedException {
        assertThat(JAR).as("packaged before integration tests run").isRegularFile();
        Path output = reports.resolve("output.txt");
        Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-jar", JAR.toString(),
                "test", "--tags", "@board and @console and not @robustness and not @simulator-only", "--reports", reports.toString()))
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();

        boolean ended = process.waitFor(5, TimeUnit.MINUTES);
        String printed = Files.readString(output, StandardCharsets.UTF_8);

        assertThat(ended).as(printed).isTrue();
        assertThat(process.exitValue()).as(printed).isZero();
        assertThat(printed).contains("2 passed, 0 failed");
    }
}
