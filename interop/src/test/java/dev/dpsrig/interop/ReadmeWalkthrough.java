package dev.dpsrig.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dpsrig.app.cli.Dpsrig;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A walkthrough of the project's README, run as written: the {@code bash} code blocks of one section, with only the
 * SDK-compatible layout's addresses swapped for the test's, in a folder whose {@code ./dpsrig} is the dpsrig command
 * itself (the {@code app} module's main class on this JVM's class path).
 *
 * @param blocks the section's {@code bash} code blocks, in order
 */
record ReadmeWalkthrough(List<String> blocks) {
    private static final Path README = Path.of("..", "README.md");
    private static final Pattern BASH_BLOCK = Pattern.compile("```bash\n(.*?)```", Pattern.DOTALL);
    private static final Duration RUN_LIMIT = Duration.ofMinutes(2);
    private static final ProcessBuilder.Redirect NO_INPUT = ProcessBuilder.Redirect.from(new File("/dev/null"));

    /** What a block printed (standard output and error together) and its exit code. */
    record Run(int exitCode, String output) {
    }

    /** The {@code bash} blocks under the README heading {@code ## heading}, up to the next {@code ## } heading. */
    static ReadmeWalkthrough section(String heading) {
        String readme;
        try {
            readme = Files.readString(README);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the README at " + README.toAbsolutePath(), e);
        }
        int start = readme.indexOf("\n## " + heading + "\n");
        assertThat(start).as("the README has a section '## %s'", heading).isNotNegative();
        int end = readme.indexOf("\n## ", start + 1);
        Matcher blocks = BASH_BLOCK.matcher(readme.substring(start, end < 0 ? readme.length() : end));
        List<String> found = new ArrayList<>();
        while (blocks.find()) {
            found.add(blocks.group(1));
        }
        return new ReadmeWalkthrough(List.copyOf(found));
    }

    /**
     * Runs block {@code index} with {@code bash -euo pipefail} in {@code folder}, each key of {@code addresses} (an
     * address the README uses) replaced by its value; every key must occur in the block.
     */
    Run run(int index, Path folder, Map<String, String> addresses) throws IOException, InterruptedException {
        String script = blocks.get(index);
        for (Map.Entry<String, String> address : addresses.entrySet()) {
            assertThat(script).as("block %d of the walkthrough", index).contains(address.getKey());
            script = script.replace(address.getKey(), address.getValue());
        }
        writeDpsrigCommand(folder);
        Path output = Files.createTempFile(folder, "walkthrough-", ".out");
        Process bash = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script).directory(folder.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile()).redirectInput(NO_INPUT).start();
        boolean ended = bash.waitFor(RUN_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        if (!ended) {
            bash.descendants().forEach(ProcessHandle::destroyForcibly);
            bash.destroyForcibly();
        }
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(ended).as("block %d ended within %s; it printed:%n%s", index, RUN_LIMIT, printed).isTrue();
        return new Run(bash.exitValue(), printed);
    }

    /** {@code ./dpsrig}: this JVM running the dpsrig command's main class on the test class path, which holds the app. */
    private static void writeDpsrigCommand(Path folder) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path command = folder.resolve("dpsrig");
        Files.writeString(command, "#!/bin/sh\nexec '" + java + "' -cp '" + System.getProperty("java.class.path") + "' "
                + Dpsrig.class.getName() + " \"$@\"\n");
        Files.setPosixFilePermissions(command, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
