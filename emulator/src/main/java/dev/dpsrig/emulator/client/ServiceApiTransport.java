package dev.dpsrig.emulator.client;

import dev.dpsrig.protocol.ConnectFailure;
import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.protocol.SasToken;
import dev.dpsrig.protocol.settings.ServiceConnectionString;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

/**
 * The HTTPS exchanges of {@link ServiceApiClient}: each request signed with a fresh SAS token and
 * sent with {@code api-version} {@value ServiceApiClient#API_VERSION}, each answer a JSON structure or
 * a {@link ServiceApiException} or {@link ServiceConnectionException}.
 */
final class ServiceApiTransport implements AutoCloseable {
    private static final Duration TOKEN_LIFETIME = Duration.ofHours(1);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final JsonObject QUERY_ALL = Jsonp.createObjectBuilder().add("query", "*").build();

    private final ServiceConnectionString connection;
    private final Optional<String> adminKey;
    private final HttpClient http;
    private final Clock clock;
    private final Function<ServiceConnectionException, ? extends RuntimeException> unreachable;

    ServiceApiTransport(ServiceConnectionString connection, Optional<String> adminKey, SSLContext tls, Clock clock,
                        Function<ServiceConnectionException, ? extends RuntimeException> unreachable) {
        this.connection = connection;
        this.adminKey = adminKey;
        this.clock = clock;
        this.unreachable = unreachable;
        // HTTP/1.1 only: the simulator serves no h2, and an upgrade attempt would only cost a round trip.
        this.http = HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT).build();
    }

    /** A query answers a page at a time; {@code x-ms-continuation} says where the next one starts. */
    JsonArray queryAll(String path) {
        JsonArrayBuilder all = Jsonp.createArrayBuilder();
        Optional<String> continuation = Optional.empty();
        do {
            HttpRequest.Builder request = request("POST", path, Optional.of(QUERY_ALL), Optional.empty());
            continuation.ifPresent(token -> request.header("x-ms-continuation", token));
            HttpResponse<String> answer = exchange(request.build());
            JsonStructure page = parse(answer);
            if (!(page instanceof JsonArray items)) {
                throw new ServiceConnectionException("POST " + path + " answered " + page.getValueType() + ", not a JSON array");
            }
            items.forEach(all::add);
            continuation = answer.headers().firstValue("x-ms-continuation").filter(token -> !token.isBlank());
        } while (continuation.isPresent());
        return all.build();
    }

    JsonStructure send(String method, String path, Optional<? extends JsonStructure> body, Optional<String> ifMatch) {
        HttpResponse<String> answer = exchange(request(method, path, body, ifMatch).build());
        return answer.body().isBlank() ? JsonValue.EMPTY_JSON_OBJECT : parse(answer);
    }

    JsonObject object(String method, String path, Optional<? extends JsonStructure> body, Optional<String> ifMatch) {
        JsonStructure answer = send(method, path, body, ifMatch);
        if (answer instanceof JsonObject object) {
            return object;
        }
        throw new ServiceConnectionException("the service answered a JSON " + answer.getValueType() + " where an object was expected");
    }

    JsonArray array(String method, String path, Optional<? extends JsonStructure> body, Optional<String> ifMatch) {
        JsonStructure answer = send(method, path, body, ifMatch);
        if (answer instanceof JsonArray array) {
            return array;
        }
        throw new ServiceConnectionException("the service answered a JSON " + answer.getValueType() + " where an array was expected");
    }

    /** Ids are restricted to URL-safe characters by DPS, but a typo should give a 400 or 404, not a malformed URL. */
    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private HttpRequest.Builder request(String method, String path, Optional<? extends JsonStructure> body, Optional<String> ifMatch) {
        String key = path.startsWith("/dpsrig/") ? adminKey.orElse(connection.key()) : connection.key();
        String authorization = SasToken.sign(connection.hostName(), key, clock.instant().plus(TOKEN_LIFETIME),
                Optional.of(connection.policyName())).toAuthorizationHeader();
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", authorization)
                .header("Accept", "application/json")
                .method(method, body.map(json -> HttpRequest.BodyPublishers.ofString(json.toString(), StandardCharsets.UTF_8))
                        .orElseGet(HttpRequest.BodyPublishers::noBody));
        body.ifPresent(json -> request.header("Content-Type", "application/json; charset=utf-8"));
        ifMatch.ifPresent(etag -> request.header("If-Match", etag));
        return request;
    }

    private URI uri(String path) {
        return URI.create(connection.baseUri() + path + (path.contains("?") ? "&" : "?") + "api-version=" + ServiceApiClient.API_VERSION);
    }

    private HttpResponse<String> exchange(HttpRequest request) {
        HttpResponse<String> answer;
        try {
            answer = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            Optional<ConnectFailure> notConnected = ConnectFailure.of(e);
            if (notConnected.isPresent()) {
                URI base = connection.baseUri();
                String endpoint = base.getHost() + ":" + (base.getPort() != -1 ? base.getPort() : 443);
                throw unreachable.apply(new ServiceConnectionException(endpoint, notConnected.get(),
                        "cannot reach " + base + ": " + notConnected.get().text(), e));
            }
            String what = e instanceof SSLException ? "TLS with " + connection.baseUri() + " failed"
                    : "cannot reach " + connection.baseUri();
            throw new ServiceConnectionException(what + ": " + reason(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceConnectionException("interrupted while waiting for " + connection.baseUri(), e);
        }
        if (answer.statusCode() / 100 != 2) {
            throw ServiceApiException.fromAnswer(answer.statusCode(), answer.headers().firstValue("x-ms-error-code"), answer.body());
        }
        return answer;
    }

    private static JsonStructure parse(HttpResponse<String> answer) {
        try (JsonReader reader = Jsonp.createReader(new StringReader(answer.body()))) {
            return reader.read();
        } catch (JsonException e) {
            throw new ServiceConnectionException(answer.request().method() + " " + answer.uri().getPath()
                    + " answered " + answer.statusCode() + " with a body that is not JSON", e);
        }
    }

    /** The innermost message is the useful one ("Connection refused", "PKIX path building failed: ..."). */
    private static String reason(Throwable error) {
        String reason = error.getClass().getSimpleName();
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
                reason = cause.getMessage();
            }
        }
        return reason.lines().findFirst().orElse(reason);
    }

    @Override
    public void close() {
        http.close();
    }
}
