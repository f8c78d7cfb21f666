package dev.dpsrig.interop.node;

import static org.assertj.core.api.Assertions.fail;

import dev.dpsrig.protocol.Jsonp;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * The Node project of {@code src/test/node}: the official Azure IoT Node SDKs, pinned by its
 * {@code package-lock.json}, installed with {@code npm ci} into {@code target/node-interop} (once per
 * lock file), and its scripts run there with {@code node}. Node and npm are required: without them the
 * interop tests fail and say what to install, rather than skip.
 */
final class NodeSdk {
    /** Debian's bookworm ships Node 18; older ones lack what the SDKs use. */
    private static final int OLDEST_NODE = 18;
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);
    private static final String INSTALLED_MARKER = ".installed-lock.sha256";
    private static NodeSdk installed;

    private final Path directory;

    private NodeSdk(Path directory) {
        this.directory = directory;
    }

    /** The SDKs, installed when the lock file changed since the last install. */
    static synchronized NodeSdk installed() {
        if (installed == null) {
            Path project = Path.of(System.getProperty("dpsrig.node.project", "src/test/node")).toAbsolutePath();
            Path work = Path.of(System.getProperty("dpsrig.node.work", "target/node-interop")).toAbsolutePath();
            requireNodeAndNpm(work);
            installed = install(project, work);
        }
        return installed;
    }

    /** A running {@code node SCRIPT ARGS...}, with {@code environment} on top of this process's (less any NODE_* of its own). */
    Run start(String script, List<String> arguments, Map<String, String> environment) {
        List<String> command = new ArrayList<>(List.of("node", script));
        command.addAll(arguments);
        try {
            Path runs = Files.createDirectories(directory.resolve("runs"));
            Path output = Files.createTempFile(runs, "run-", ".out");
            Path errors = Files.createTempFile(runs, "run-", ".err");
            ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(output.toFile()).redirectError(errors.toFile());
            // What the developer's shell may carry must not decide the outcome: trust and options come from the test.
            builder.environment().keySet().removeIf(name -> name.startsWith("NODE_") || name.equals("DEBUG"));
            builder.environment().putAll(environment);
            return new Run(command, builder.start(), output, errors);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        }
    }

    /** A node process; its output goes to files, so a chatty one never blocks on a full pipe. */
    static final class Run {
        private final List<String> command;
        private final Process process;
        private final Path output;
        private final Path errors;

        private Run(List<String> command, Process process, Path output, Path errors) {
            this.command = command;
            this.process = process;
            this.output = output;
            this.errors = errors;
        }

        boolean isAlive() {
            return process.isAlive();
        }

        /**
         * Waits until {@code condition} holds, checking every 100 ms; fails, with what node printed, if the
         * process ends or the timeout passes first.
         */
        void awaitWhileRunning(String what, Duration timeout, BooleanSupplier condition) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!condition.getAsBoolean()) {
                if (!process.isAlive()) {
                    fail("node ended before " + what + "\n" + transcript());
                }
                if (System.nanoTime() > deadline) {
                    process.destroyForcibly();
                    fail("no " + what + " within " + timeout + "\n" + transcript());
                }
                sleep(Duration.ofMillis(100));
            }
        }

        /** Waits for the process to end and reads the one JSON line it printed last. */
        Result finish(Duration timeout) {
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    fail("node did not finish within " + timeout + "\n" + transcript());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
                fail("interrupted waiting for " + command);
            }
            String stdout = read(output);
            List<String> lines = stdout.lines().filter(line -> !line.isBlank()).toList();
            if (lines.isEmpty()) {
                return fail("node printed no JSON line\n" + transcript());
            }
            try (JsonReader reader = Jsonp.createReader(new StringReader(lines.getLast()))) {
                return new Result(process.exitValue(), reader.readObject(), transcript());
            } catch (JsonException e) {
                return fail("node's last line is not a JSON object\n" + transcript());
            }
        }

        String transcript() {
            return "command: " + String.join(" ", command) + "\nexit: " + (process.isAlive() ? "(running)" : process.exitValue())
                    + "\nstdout:\n" + read(output) + "\nstderr:\n" + read(errors);
        }
    }

    /** What a script printed: its one JSON line, and everything it printed for failure messages. */
    record Result(int exitCode, JsonObject json, String transcript) {
    }

    private static void requireNodeAndNpm(Path work) {
        String install = "Install Node.js " + OLDEST_NODE + " or newer with npm to run the Azure IoT Node SDK interop tests"
                + " (Debian/Ubuntu: apt-get install nodejs npm).";
        String version = probe(work, List.of("node", "--version"), "node is not on the PATH. " + install);
        int major = Integer.parseInt(version.strip().replaceFirst("^v(\\d+).*", "$1"));
        if (major < OLDEST_NODE) {
            fail("node " + version.strip() + " is too old. " + install);
        }
        probe(work, List.of("npm", "--version"), "npm is not on the PATH (Debian packages it apart from nodejs). " + install);
    }

    private static String probe(Path work, List<String> command, String missing) {
        try {
            Files.createDirectories(work);
            Process process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return fail(missing + " (" + String.join(" ", command) + " said: " + output.strip() + ")");
            }
            return output;
        } catch (IOException e) {
            return fail(missing + " (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted running " + command);
        }
    }

    /**
     * Copies the project (its package files and scripts, never a node_modules) into {@code work} and runs
     * {@code npm ci} there, unless node_modules already came from this very lock file.
     */
    private static NodeSdk install(Path project, Path work) {
        try {
            Path lock = project.resolve("package-lock.json");
            if (!Files.isRegularFile(lock)) {
                fail("no " + lock + ": the Node interop project pins its SDK versions there");
            }
            try (Stream<Path> files = Files.list(project)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Files.copy(file, work.resolve(file.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
            String fingerprint = sha256(Files.readAllBytes(project.resolve("package.json")), Files.readAllBytes(lock));
            Path marker = work.resolve(INSTALLED_MARKER);
            boolean current = Files.isDirectory(work.resolve("node_modules")) && Files.isRegularFile(marker)
                    && Files.readString(marker).strip().equals(fingerprint);
            if (!current) {
                Files.deleteIfExists(marker);
                npmCi(work);
                Files.writeString(marker, fingerprint + "\n");
            }
            return new NodeSdk(work);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lay out the Node interop project in " + work, e);
        }
    }

    private static void npmCi(Path work) throws IOException {
        List<String> command = List.of("npm", "ci", "--no-audit", "--no-fund");
        Path log = work.resolve("npm-ci.log");
        Process process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        try {
            if (!process.waitFor(INSTALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                fail("npm ci did not finish within " + INSTALL_TIMEOUT + " in " + work + "\n" + Files.readString(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            fail("interrupted running npm ci");
        }
        if (process.exitValue() != 0) {
            fail("npm ci failed (exit " + process.exitValue() + ") in " + work + "\n" + Files.readString(log));
        }
    }

    private static String sha256(byte[]... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                digest.update(part);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
