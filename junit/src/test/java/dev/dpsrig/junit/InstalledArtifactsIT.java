package dev.dpsrig.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * README's install command puts the test artifacts where another project's build finds them: they are installed into a
 * local repository under {@code target/} (read-only in front of the user's own, which lends the third-party artifacts and
 * stays untouched), and a small consumer project (test resource {@code consumer/}) builds and runs its tests offline
 * against them, with the extension, the container class, the emulator and the step library on its classpath.
 */
class InstalledArtifactsIT {
    private static final List<String> INSTALL = List.of("install", "-Dmaven.test.skip=true", "-pl", "features,emulator,junit,testcontainers", "-am");

    private final Path root = Path.of(System.getProperty("dpsrig.root"));
    private final Path work = root.resolve("junit/target/installed-artifacts");
    private final Path repository = work.resolve("repository");

    @Test
    void aConsumerProjectBuildsAndTestsAgainstTheInstalledArtifacts() throws Exception {
        deleteRecursively(work);
        Files.createDirectories(work);

        String installed = maven(INSTALL, "install.log");
        assertThat(Stream.of("parent", "certs", "protocol", "emulator", "simulator", "hil-rig", "features", "junit", "testcontainers")
                .map(module -> repository.resolve("dev/dpsrig/dpsrig-" + module + "/" + version() + "/dpsrig-" + module + "-" + version() + ".pom")))
                .as(installed).allSatisfy(pom -> assertThat(pom).isRegularFile());

        Path consumer = work.resolve("consumer");
        copyRecursively(Path.of(InstalledArtifactsIT.class.getResource("/consumer").toURI()), consumer);
        String tested = maven(List.of("test", "-f", consumer.resolve("pom.xml").toString(), "-Ddpsrig.version=" + version()), "consumer.log");

        assertThat(tested).contains("Tests run: 2, Failures: 0, Errors: 0, Skipped: 0").contains("BUILD SUCCESS");
    }

    /** Runs this project's Maven wrapper offline with the local repository under {@code target/}; its output if it succeeds. */
    private String maven(List<String> arguments, String logName) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(root.resolve("mvnw").toString(), "-B", "-o",
                "-Dmaven.repo.local=" + repository, "-Dmaven.repo.local.tail=" + System.getProperty("dpsrig.local.repository")));
        command.addAll(arguments);
        Path log = work.resolve(logName);
        Process maven = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!maven.waitFor(4, TimeUnit.MINUTES)) {
            maven.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in 4 minutes; its output is in " + log);
        }
        String output = Files.readString(log);
        assertThat(maven.exitValue()).as("%s ended with %d:%n%s", String.join(" ", command), maven.exitValue(), output).isZero();
        return output;
    }

    private static String version() {
        return System.getProperty("dpsrig.version");
    }

    private static void copyRecursively(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (Files.exists(folder)) {
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }
}
