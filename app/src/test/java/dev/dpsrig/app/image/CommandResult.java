package dev.dpsrig.app.image;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * How a command on this machine ended: its exit code (-1 when it could not start or outlasted its
 * time) and what it printed, standard error included.
 */
record CommandResult(int exitCode, String output) {
    static CommandResult of(List<String> command, Duration limit) throws InterruptedException, IOException {
        File printed = File.createTempFile("command", ".out");
        try {
            Process process;
            try {
                process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(printed)
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            } catch (IOException e) {
                return new CommandResult(-1, String.valueOf(e.getMessage()));
            }
            boolean ended = process.waitFor(limit.toSeconds(), TimeUnit.SECONDS);
            if (!ended) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            return new CommandResult(ended ? process.exitValue() : -1, Files.readString(printed.toPath(), StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(printed.toPath());
        }
    }

    /** The last thing it printed, where a failing command says why. */
    String lastLine() {
        return output.strip().lines().reduce((first, second) -> second).orElse("exit " + exitCode);
    }
}
