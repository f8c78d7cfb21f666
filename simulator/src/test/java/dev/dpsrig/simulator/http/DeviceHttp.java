package dev.dpsrig.simulator.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dpsrig.certs.TlsContexts;
import dev.dpsrig.protocol.SasToken;
import dev.dpsrig.simulator.dps.Attestation;
import dev.dpsrig.simulator.server.LocalSimulator;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A device talking to a {@link LocalSimulator} with the JDK's HTTP client, over HTTPS trusting only
 * the simulator's root: symmetric-key enrollments made in-process, then register, operation and
 * status lookups on DPS, and sends and cloud-to-device receives on the first hub. Each call opens a
 * new client with a new TLS context, so each call is a new connection with a full handshake (no
 * pooled connection, no resumed session) and sees exactly what that request got.
 */
final class DeviceHttp {
    static final String DEVICE_API_VERSION = "2021-06-01";
    static final String HUB_API_VERSION = "2020-03-13";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final LocalSimulator simulator;
    private final Map<String, String> keys = new HashMap<>();

    DeviceHttp(LocalSimulator simulator) {
        this.simulator = simulator;
    }

    /** What came back: status, headers and the whole body. */
    record Answer(int status, HttpHeaders headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        JsonObject json() {
            return Json.createReader(new StringReader(text())).readObject();
        }

        Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        /** The same answer as {@code curl -i} would print it, for {@link DpsAssertions}. */
        CurlResponse asCurl() {
            String head = "HTTP/1.1 " + status + "\n" + headers.map().entrySet().stream()
                    .flatMap(entry -> entry.getValue().stream().map(value -> entry.getKey() + ": " + value))
                    .collect(Collectors.joining("\n"));
            return new CurlResponse(status, head, text());
        }

        String describe() {
            return status + " " + headers.map() + "\n\n" + text();
        }
    }

    // ---- enrollment (in-process) --------------------------------------------------------------

    /** An individual symmetric-key enrollment; answers the device's primary key. */
    String enroll(String registrationId) {
        Attestation attestation = simulator.service().putEnrollment(registrationId, Enrollments.symmetricKey(), Optional.empty())
                .attestation();
        String key = Enrollments.keysOf(attestation).primaryKey();
        keys.put(registrationId, key);
        return key;
    }

    String dpsToken(String registrationId) {
        return SasToken.sign(simulator.idScope() + "/registrations/" + registrationId, key(registrationId),
                Instant.now().plus(Duration.ofHours(1)), Optional.of("registration")).toAuthorizationHeader();
    }

    String hubToken(String deviceId) {
        return SasToken.sign(hubHostName() + "/devices/" + deviceId, key(deviceId), Instant.now().plus(Duration.ofHours(1)),
                Optional.empty()).toAuthorizationHeader();
    }

    String hubHostName() {
        return simulator.hubs().getFirst().hostName();
    }

    private String key(String id) {
        String key = keys.get(id);
        if (key == null) {
            throw new IllegalStateException("'" + id + "' was not enrolled through this client");
        }
        return key;
    }

    // ---- DPS device API ----------------------------------------------------------------------

    HttpRequest registerRequest(String registrationId) {
        return dps("/registrations/" + registrationId + "/register", registrationId)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(DpsClient.registrationBody(registrationId)))
                .build();
    }

    HttpRequest lookupRequest(String registrationId, String operationId) {
        return dps("/registrations/" + registrationId + "/operations/" + operationId, registrationId).GET().build();
    }

    HttpRequest statusRequest(String registrationId) {
        return dps("/registrations/" + registrationId, registrationId)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(DpsClient.registrationBody(registrationId)))
                .build();
    }

    Answer register(String registrationId) {
        return call(registerRequest(registrationId));
    }

    Answer lookup(String registrationId, String operationId) {
        return call(lookupRequest(registrationId, operationId));
    }

    Answer status(String registrationId) {
        return call(statusRequest(registrationId));
    }

    /** Registers (expecting 202) and looks the operation up until it ends; answers the terminal lookup. */
    Answer registerAndAwait(String registrationId) {
        Answer accepted = register(registrationId);
        assertThat(accepted.status()).as(accepted.describe()).isEqualTo(202);
        return await(registrationId, accepted.json().getString("operationId"));
    }

    Answer await(String registrationId, String operationId) {
        for (int attempt = 0; attempt < 50; attempt++) {
            Answer lookup = lookup(registrationId, operationId);
            if (lookup.status() != 202) {
                return lookup;
            }
            sleep(Duration.ofMillis(50));
        }
        throw new AssertionError("operation " + operationId + " of '" + registrationId + "' still assigning after 50 lookups");
    }

    /** Enrolls a device and provisions it to the hub through DPS over HTTPS. */
    void provision(String deviceId) {
        enroll(deviceId);
        Answer outcome = registerAndAwait(deviceId);
        assertThat(outcome.status()).as(outcome.describe()).isEqualTo(200);
        assertThat(outcome.json().getString("status")).as(outcome.describe()).isEqualTo("assigned");
    }

    private HttpRequest.Builder dps(String path, String registrationId) {
        return HttpRequest.newBuilder(URI.create(simulator.dpsBaseUrl() + "/" + simulator.idScope() + path
                        + "?api-version=" + DEVICE_API_VERSION))
                .timeout(TIMEOUT)
                .header("Accept", "application/json")
                .header("Authorization", dpsToken(registrationId));
    }

    // ---- hub device API ----------------------------------------------------------------------

    HttpRequest sendRequest(String deviceId, String body) {
        return hub("/devices/" + deviceId + "/messages/events", deviceId)
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    Answer send(String deviceId, String body) {
        return call(sendRequest(deviceId, body));
    }

    Answer receive(String deviceId) {
        return call(hub("/devices/" + deviceId + "/messages/deviceBound", deviceId).GET().build());
    }

    private HttpRequest.Builder hub(String path, String deviceId) {
        return HttpRequest.newBuilder(URI.create("https://" + hubHostName() + path + "?api-version=" + HUB_API_VERSION))
                .timeout(TIMEOUT)
                .header("Authorization", hubToken(deviceId));
    }

    // ---- HTTP --------------------------------------------------------------------------------

    /** One request on a new connection; a connection that fails is an {@link UncheckedIOException}. */
    Answer call(HttpRequest request) {
        try {
            return exchange(request);
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + ": " + e, e);
        }
    }

    /** One request on a new connection, as the JDK client reports it. */
    Answer exchange(HttpRequest request) throws IOException {
        try (HttpClient client = newClient()) {
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), response.headers(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * Everything the server sent for one HTTP/1.1 request written by hand on a new TLS socket, read
     * until the server closes the connection: the status line and headers, then the body bytes as
     * they arrived, however few. (The JDK client may drop body bytes it had buffered when the
     * connection fails, so it cannot show exactly where an answer was cut.)
     */
    record Raw(String head, byte[] body) {
        int status() {
            return Integer.parseInt(head.lines().findFirst().orElseThrow().split(" ")[1]);
        }

        Optional<String> header(String name) {
            String prefix = name.toLowerCase(java.util.Locale.ROOT) + ":";
            return head.lines().filter(line -> line.toLowerCase(java.util.Locale.ROOT).startsWith(prefix))
                    .map(line -> line.substring(prefix.length()).strip()).findFirst();
        }
    }

    Raw raw(HttpRequest request, String body) throws IOException {
        URI uri = request.uri();
        StringBuilder text = new StringBuilder(request.method() + " " + uri.getRawPath()
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()) + " HTTP/1.1\r\n");
        text.append("Host: ").append(uri.getHost()).append(':').append(uri.getPort()).append("\r\n");
        request.headers().map().forEach((name, values) -> values.forEach(value -> text.append(name).append(": ").append(value).append("\r\n")));
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        text.append("Content-Length: ").append(content.length).append("\r\n\r\n");
        javax.net.ssl.SSLContext tls = TlsContexts.client(List.of(simulator.trustedRoot()));
        java.io.ByteArrayOutputStream received = new java.io.ByteArrayOutputStream();
        try (javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) tls.getSocketFactory().createSocket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            socket.getOutputStream().write(text.toString().getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(content);
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    received.write(buffer, 0, n);
                }
            } catch (javax.net.ssl.SSLException | java.net.SocketException closedAbruptly) {
                // what arrived before is what the client got
            }
        }
        byte[] all = received.toByteArray();
        String whole = new String(all, StandardCharsets.ISO_8859_1);
        int split = whole.indexOf("\r\n\r\n");
        if (split < 0) {
            throw new IOException("no complete status line and headers in " + all.length + " bytes: " + whole);
        }
        return new Raw(whole.substring(0, split), java.util.Arrays.copyOfRange(all, split + 4, all.length));
    }

    private HttpClient newClient() {
        return HttpClient.newBuilder()
                .sslContext(TlsContexts.client(List.of(simulator.trustedRoot())))
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(TIMEOUT)
                .build();
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
