package dev.dpsrig.interop;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * Trust stores made the way a user makes them: {@code keytool -importcert} of the
 * {@code trustedRootCertificate} from dev-settings.json into a PKCS#12 file, password
 * {@value #PASSWORD}.
 *
 * <p>The SDK tests put it where {@code -Djavax.net.ssl.trustStore} points (this module's failsafe
 * configuration passes {@code javax.net.ssl.trustStore}, {@code javax.net.ssl.trustStorePassword}
 * and {@code javax.net.ssl.trustStoreType} to their JVMs): in the configurations a device uses, the
 * SDKs honour only the JVM's default trust store. The JDK reads that file when a TLS context is
 * first made, so writing it before the first SDK call is enough.
 */
final class TrustStores {
    static final String JVM_TRUST_STORE = "javax.net.ssl.trustStore";
    /** Marks the test classes failsafe runs in JVMs started with {@code -Djavax.net.ssl.trustStore}. */
    static final String JVM_TRUST_STORE_TAG = "jvm-trust-store";
    static final String PASSWORD = "changeit";

    private TrustStores() {
    }

    /** Makes the JVM's default trust store hold exactly {@code rootPem}; returns its path. */
    static Path intoJvmTrustStore(Path rootPem) {
        String configured = System.getProperty(JVM_TRUST_STORE);
        if (configured == null || configured.isBlank()) {
            throw new IllegalStateException("run the SDK tests with -D" + JVM_TRUST_STORE + "=<file> -Djavax.net.ssl.trustStorePassword="
                    + PASSWORD + " (./mvnw verify passes them through failsafe)");
        }
        return importRoot(rootPem, Path.of(configured));
    }

    /**
     * {@code keytool -importcert -noprompt -alias dpsrig -file <rootPem> -keystore <store> -storetype PKCS12
     * -storepass changeit}, into a new file.
     */
    static Path importRoot(Path rootPem, Path store) {
        try {
            Files.createDirectories(store.toAbsolutePath().getParent());
            Files.deleteIfExists(store);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + store, e);
        }
        run(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-importcert", "-noprompt",
                "-alias", "dpsrig", "-file", rootPem.toString(), "-keystore", store.toString(), "-storetype", "PKCS12",
                "-storepass", PASSWORD));
        return store;
    }

    /** The trust managers of a PKCS#12 trust store, as any JSSE user builds them. */
    static TrustManager[] trustManagers(Path store) {
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(in, PASSWORD.toCharArray());
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(keyStore);
            return factory.getTrustManagers();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + store, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot load trust store " + store, e);
        }
    }

    /** A client {@link SSLContext} that trusts what the store holds and presents no certificate. */
    static SSLContext sslContext(Path store) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trustManagers(store), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make an SSLContext from " + store, e);
        }
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
