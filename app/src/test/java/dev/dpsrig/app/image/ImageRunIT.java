package dev.dpsrig.app.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.abort;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container image runs: unpacked and started as a container runtime would start it (no Docker
 * daemon needed), {@code serve} comes up as the image's user, writes its settings into the volume, and
 * its DPS answers over TLS with the root it wrote; with a container runtime, the same from
 * {@code docker load} and {@code docker run}.
 */
class ImageRunIT {
    private static final Pattern READY = Pattern.compile("dpsrig: ready: DPS (https://\\S+) \\(ID scope (\\S+)\\).*");
    private static final Duration START = Duration.ofMinutes(2);

    @TempDir
    static Path scratch;

    private static OciImage image;
    private static UnpackedImage unpacked;

    @BeforeAll
    static void unpack() throws IOException, InterruptedException {
        image = OciImage.read(ImageTarball.built());
        Path root = Files.createDirectory(scratch.resolve("rootfs"));
        unpacked = UnpackedImage.unpack(image, root);
    }

    @Test
    void servesInThePortLayout() throws Exception {
        try (Served served = serve(List.of("serve", "--layout", "ports", "--port", "0"))) {
            assertThat(served.ready().group(0)).contains("settings in /data/dev-settings.json");
            assertAnsweredByTheDps(served);
        }
    }

    /** The SDK layout's port 443, bound by the non-root user through java's file capability. */
    @Test
    void bindsPort443AsItsUserInTheSdkLayout() throws Exception {
        assumeTrue(UnpackedImage.ROOT, "the file capability is unpacked with its layer only by root (CI runs as root)");
        String address = "127.0." + ThreadLocalRandom.current().nextInt(100, 250) + ".1";
        try (Served served = serve(List.of("serve", "--layout", "sdk", "--address", address))) {
            assertThat(served.ready().group(1)).isEqualTo("https://" + address);
            assertAnsweredByTheDps(served);
            assertThat(Files.readString(Path.of("/proc", Long.toString(served.process().pid()), "status")))
                    .containsPattern("(?m)^Uid:\\s+" + unpacked.userId() + "\\s");
        }
    }

    @Test
    void runsUnderAContainerRuntime() throws Exception {
        CommandResult info = CommandResult.of(List.of("docker", "info"), Duration.ofSeconds(30));
        if (info.exitCode() != 0) {
            abort("no container runtime: docker info failed (" + info.lastLine() + ")");
        }
        String name = System.getProperty(OciImage.NAME_PROPERTY);
        CommandResult load = CommandResult.of(List.of("docker", "load", "-i", ImageTarball.built().toString()), Duration.ofMinutes(2));
        assertThat(load.exitCode()).as(load.output()).isZero();
        CommandResult run = CommandResult.of(List.of("docker", "run", "-d", "--rm", "--network", "host", name,
                "serve", "--layout", "ports", "--port", "0", "--in-memory"), Duration.ofMinutes(1));
        assertThat(run.exitCode()).as(run.output()).isZero();
        String container = run.output().strip();
        try {
            long deadline = System.nanoTime() + START.toNanos();
            CommandResult logs;
            do {
                Thread.sleep(500);
                logs = CommandResult.of(List.of("docker", "logs", container), Duration.ofSeconds(30));
            } while (!READY.matcher(logs.output()).find() && System.nanoTime() < deadline);
            assertThat(logs.output()).containsPattern(READY);
        } finally {
            CommandResult.of(List.of("docker", "rm", "-f", container), Duration.ofSeconds(30));
        }
    }

    /** An unauthenticated registration, refused by the DPS in its own error format over a TLS session it trusts. */
    private static void assertAnsweredByTheDps(Served served) throws IOException, InterruptedException, GeneralSecurityException {
        JsonObject settings = json(Files.readString(unpacked.file("/data/dev-settings.json"), StandardCharsets.UTF_8));
        HttpClient client = HttpClient.newBuilder()
                .sslContext(trusting(settings.getString("trustedRootCertificatePem")))
                .connectTimeout(Duration.ofSeconds(20))
                .build();
        String url = served.ready().group(1) + "/" + served.ready().group(2) + "/registrations/image-check/register?api-version=2021-06-01";
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"registrationId\":\"image-check\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(json(response.body()).containsKey("errorCode")).as(response.body()).isTrue();
    }

    private static SSLContext trusting(String rootPem) throws GeneralSecurityException, IOException {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        trusted.setCertificateEntry("dpsrig-root", CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(rootPem.getBytes(StandardCharsets.US_ASCII))));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private static JsonObject json(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    private static Served serve(List<String> args) throws IOException, InterruptedException {
        Path output = Files.createTempFile(scratch, "serve", ".log");
        Process process = unpacked.start(args, output);
        long deadline = System.nanoTime() + START.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            Matcher ready = READY.matcher(UnpackedImage.read(output));
            if (ready.find()) {
                return new Served(process, ready);
            }
            Thread.sleep(200);
        }
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        throw new AssertionError("serve from the unpacked image printed no ready line within " + START + " (exit "
                + (process.isAlive() ? "none" : process.exitValue()) + "):\n" + UnpackedImage.read(output));
    }

    /** {@code serve} running from the unpacked image, and the ready line it printed; closing stops it. */
    private record Served(Process process, Matcher ready) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }
}
