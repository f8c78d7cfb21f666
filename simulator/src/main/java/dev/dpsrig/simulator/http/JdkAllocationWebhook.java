package dev.dpsrig.simulator.http;

import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.simulator.dps.AllocationWebhook;
import dev.dpsrig.simulator.dps.CustomAllocation;
import dev.dpsrig.simulator.json.ServiceJson;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Posts the {@code AllocationRequest} to a custom allocation webhook with the JDK's HTTP client, as JSON,
 * trusting the JDK's CAs plus the simulator's development root, so a webhook served by a test
 * (or by the rig itself) over HTTPS works without extra setup.
 */
public final class JdkAllocationWebhook implements AllocationWebhook {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient client;

    public JdkAllocationWebhook(X509Certificate developmentRoot) {
        this.client = HttpClient.newBuilder()
                .connectTimeout(TIMEOUT)
                .sslContext(trustingJdkAnd(developmentRoot))
                .build();
    }

    @Override
    public Answer call(CustomAllocation webhook, Request allocationRequest) {
        URI uri = webhook.webhookUrl();
        String separator = uri.getQuery() == null ? "?" : "&";
        HttpRequest request = HttpRequest.newBuilder(URI.create(uri + separator + "api-version=" + webhook.apiVersion()))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(ServiceJson.toJson(allocationRequest).toString()))
                .build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), ServiceJson.allocationChoice(parse(response.body())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling " + uri, e);
        }
    }

    private static JsonObject parse(String body) {
        if (body == null || body.isBlank()) {
            return JsonObject.EMPTY_JSON_OBJECT;
        }
        try (JsonReader reader = Jsonp.createReader(new StringReader(body))) {
            return reader.readObject();
        } catch (JsonException | ClassCastException e) {
            return JsonObject.EMPTY_JSON_OBJECT;
        }
    }

    private static SSLContext trustingJdkAnd(X509Certificate developmentRoot) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            Path cacerts = Path.of(System.getProperty("java.home"), "lib", "security", "cacerts");
            if (Files.exists(cacerts)) {
                try (InputStream in = Files.newInputStream(cacerts)) {
                    store.load(in, null);
                }
            } else {
                store.load(null, null);
            }
            store.setCertificateEntry("dpsrig-development-root", developmentRoot);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build the webhook client's trust store", e);
        }
    }
}
