package dev.dpsrig.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The JVM's default trust store, made the way a user makes it: {@code keytool -importcert} of the
 * {@code trustedRootCertificate} from dev-settings.json into the PKCS#12 file that
 * {@code -Djavax.net.ssl.trustStore} names (this module's failsafe configuration passes
 * {@code javax.net.ssl.trustStore}, {@code javax.net.ssl.trustStorePassword=changeit} and
 * {@code javax.net.ssl.trustStoreType=PKCS12} to each test JVM).
 *
 * <p>The SDKs under test read no trust store of their own in the configurations a device uses
 * (see the README's recipe): the JVM's is the one they all honour. The JDK reads that file when a
 * TLS context is first made, so writing it before the first SDK call is enough.
 */
final class JvmTrustStore {
    static final String PROPERTY = "javax.net.ssl.trustStore";
    static final String PASSWORD = "changeit";

    private JvmTrustStore() {
    }

    /** Replaces the JVM trust store's content with exactly {@code rootPem}; returns the store's path. */
    static Path trustOnly(Path rootPem) {
        Path store = location();
        try {
            Files.createDirectories(store.toAbsolutePath().getParent());
            Files.deleteIfExists(store);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + store, e);
        }
        run(List.of(keytool().toString(), "-importcert", "-noprompt", "-alias", "dpsrig", "-file", rootPem.toString(),
                "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD));
        return store;
    }

    private static Path location() {
        String configured = System.getProperty(PROPERTY);
        if (configured == null || configured.isBlank()) {
            throw new IllegalStateException("run the SDK tests with -D" + PROPERTY + "=<file> -Djavax.net.ssl.trustStorePassword="
                    + PASSWORD + " (./mvnw verify passes them through failsafe)");
        }
        return Path.of(configured);
    }

    private static Path keytool() {
        return Path.of(System.getProperty("java.home"), "bin", "keytool");
    }

    private static void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("keytool did not finish: " + command);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("keytool failed (" + process.exitValue() + "): " + command + "\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running keytool", e);
        }
    }
}
