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
 * The DPS service (enrollment) API over HTTPS, against the simulator or a real DPS: individual
 * enrollments, enrollment groups, registration states, and the simulator's CA certificate
 * routes. Every request carries a fresh SAS token for the connection string's policy and
 * {@code api-version} {@value #API_VERSION}; answers are the service's JSON, unchanged.
 *
 * <p>A non-2xx answer is a {@link ServiceApiException}; a host that cannot be reached or trusted
 * is a {@link ServiceConnectionException}. Nothing is retried: a host that cannot be connected to at all
 * (refused, unknown host, no route) is reported at once, as whatever the {@code unreachable} function the
 * client was made with turns it into.
 */
public final class ServiceApiClient implements AutoCloseable {
    public static final String API_VERSION = "2021-10-01";
    private static final Duration TOKEN_LIFETIME = Duration.ofHours(1);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final JsonObject QUERY_ALL = Jsonp.createObjectBuilder().add("query", "*").build();

    private final ServiceConnectionString connection;
    private final Optional<String> adminKey;
    private final HttpClient http;
    private final Clock clock;
    private final Function<ServiceConnectionException, ? extends RuntimeException> unreachable;

    /**
     * @param unreachable turns "no connection could be opened to the host at all" into the exception callers get, e.g.
     *                    one that says where the connection string came from; the identity keeps it as it is
     */
    public ServiceApiClient(ServiceConnectionString connection, SSLContext tls, Clock clock,
                            Function<ServiceConnectionException, ? extends RuntimeException> unreachable) {
        this(connection, Optional.empty(), tls, clock, unreachable);
    }

    /**
     * @param adminKey the key the simulator's admin API ({@code /dpsrig/...}) takes, when it has one of its own
     *                 ({@code adminKey} in {@code dev-settings.json}); otherwise the connection's key signs those requests too
     */
    public ServiceApiClient(ServiceConnectionString connection, Optional<String> adminKey, SSLContext tls, Clock clock,
                            Function<ServiceConnectionException, ? extends RuntimeException> unreachable) {
        this.connection = connection;
        this.adminKey = adminKey;
        this.clock = clock;
        this.unreachable = unreachable;
        // HTTP/1.1 only: the simulator serves no h2, and an upgrade attempt would only cost a round trip.
        this.http = HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT).build();
    }

    public ServiceApiClient(ServiceConnectionString connection, SSLContext tls, Clock clock) {
        this(connection, tls, clock, Function.identity());
    }

    public ServiceApiClient(ServiceConnectionString connection, SSLContext tls) {
        this(connection, tls, Clock.systemUTC());
    }

    public ServiceApiClient(ServiceConnectionString connection, SSLContext tls,
                            Function<ServiceConnectionException, ? extends RuntimeException> unreachable) {
        this(connection, tls, Clock.systemUTC(), unreachable);
    }

    // ---- individual enrollments ------------------------------------------------------------

    public JsonObject enrollment(String registrationId) {
        return object(send("GET", "/enrollments/" + segment(registrationId), Optional.empty(), Optional.empty()));
    }

    public JsonObject putEnrollment(String registrationId, JsonObject enrollment, Optional<String> ifMatch) {
        return object(send("PUT", "/enrollments/" + segment(registrationId), Optional.of(enrollment), ifMatch));
    }

    public void deleteEnrollment(String registrationId, Optional<String> ifMatch) {
        send("DELETE", "/enrollments/" + segment(registrationId), Optional.empty(), ifMatch);
    }

    /** The enrollment's attestation with its symmetric keys, which a plain GET leaves out. */
    public JsonObject enrollmentAttestation(String registrationId) {
        return object(send("POST", "/enrollments/" + segment(registrationId) + "/attestationmechanism",
                Optional.empty(), Optional.empty()));
    }

    public JsonArray enrollments() {
        return queryAll("/enrollments/query");
    }

    // ---- enrollment groups -----------------------------------------------------------------

    public JsonObject group(String groupId) {
        return object(send("GET", "/enrollmentGroups/" + segment(groupId), Optional.empty(), Optional.empty()));
    }

    public JsonObject putGroup(String groupId, JsonObject group, Optional<String> ifMatch) {
        return object(send("PUT", "/enrollmentGroups/" + segment(groupId), Optional.of(group), ifMatch));
    }

    public void deleteGroup(String groupId, Optional<String> ifMatch) {
        send("DELETE", "/enrollmentGroups/" + segment(groupId), Optional.empty(), ifMatch);
    }

    public JsonObject groupAttestation(String groupId) {
        return object(send("POST", "/enrollmentGroups/" + segment(groupId) + "/attestationmechanism",
                Optional.empty(), Optional.empty()));
    }

    public JsonArray groups() {
        return queryAll("/enrollmentGroups/query");
    }

    // ---- registration states ---------------------------------------------------------------

    public JsonObject registration(String registrationId) {
        return object(send("GET", "/registrations/" + segment(registrationId), Optional.empty(), Optional.empty()));
    }

    public void deleteRegistration(String registrationId, Optional<String> ifMatch) {
        send("DELETE", "/registrations/" + segment(registrationId), Optional.empty(), ifMatch);
    }

    // ---- CA certificates (the simulator's stand-in for the management plane) ----------------

    /** {@code {"value": [...]}}, as the management plane lists them. */
    public JsonObject certificates() {
        return object(send("GET", "/certificates", Optional.empty(), Optional.empty()));
    }

    public JsonObject certificate(String name) {
        return object(send("GET", "/certificates/" + segment(name), Optional.empty(), Optional.empty()));
    }

    public JsonObject putCertificate(String name, String pem, boolean verified, Optional<String> ifMatch) {
        JsonObject body = Jsonp.createObjectBuilder().add("certificate", pem).add("isVerified", verified).build();
        return object(send("PUT", "/certificates/" + segment(name), Optional.of(body), ifMatch));
    }

    public void deleteCertificate(String name, Optional<String> ifMatch) {
        send("DELETE", "/certificates/" + segment(name), Optional.empty(), ifMatch);
    }

    public JsonObject generateVerificationCode(String name, Optional<String> ifMatch) {
        return object(send("POST", "/certificates/" + segment(name) + "/generateVerificationCode", Optional.empty(), ifMatch));
    }

    /** Proof of possession: {@code pem} is a certificate with CN = the verification code, signed by the CA's key. */
    public JsonObject verifyCertificate(String name, String pem, Optional<String> ifMatch) {
        JsonObject body = Jsonp.createObjectBuilder().add("certificate", pem).build();
        return object(send("POST", "/certificates/" + segment(name) + "/verify", Optional.of(body), ifMatch));
    }

    // ---- the simulator's hubs (/dpsrig/hubs; no real DPS serves these) --------------------

    public JsonArray hubs() {
        return array(send("GET", "/dpsrig/hubs", Optional.empty(), Optional.empty()));
    }

    public JsonArray hubDevices(String hub) {
        return array(send("GET", "/dpsrig/hubs/" + segment(hub) + "/devices", Optional.empty(), Optional.empty()));
    }

    /** The device identity, its count of received messages, and its cloud-to-device queue. */
    public JsonObject hubDevice(String hub, String deviceId) {
        return object(send("GET", hubDevicePath(hub, deviceId), Optional.empty(), Optional.empty()));
    }

    public JsonObject setHubDeviceStatus(String hub, String deviceId, boolean enabled) {
        JsonObject body = Jsonp.createObjectBuilder().add("status", enabled ? "enabled" : "disabled").build();
        return object(send("PUT", hubDevicePath(hub, deviceId) + "/status", Optional.of(body), Optional.empty()));
    }

    /**
     * Messages the hub accepted with a sequence number above {@code after}, optionally from one device;
     * with a wait, the simulator holds the answer until one arrives or the wait (30 s at most) ends.
     * The answer holds {@code messages}, {@code lastSequenceNumber} and {@code more}.
     */
    public JsonObject hubMessages(String hub, Optional<String> deviceId, long after, Duration wait) {
        StringBuilder path = new StringBuilder("/dpsrig/hubs/").append(segment(hub)).append("/messages?after=").append(after)
                .append("&waitSeconds=").append(wait.toSeconds());
        deviceId.ifPresent(id -> path.append("&deviceId=").append(segment(id)));
        return object(send("GET", path.toString(), Optional.empty(), Optional.empty()));
    }

    /** Queues a cloud-to-device message; see the simulator's inspection API for the body's fields. */
    public JsonObject sendCloudToDevice(String hub, String deviceId, JsonObject message) {
        return object(send("POST", hubDevicePath(hub, deviceId) + "/deviceBound", Optional.of(message), Optional.empty()));
    }

    public JsonArray hubSettlements(String hub) {
        return array(send("GET", "/dpsrig/hubs/" + segment(hub) + "/settlements", Optional.empty(), Optional.empty()));
    }

    // ---- the simulator's fault plan and quotas (/dpsrig/faults, /dpsrig/quotas) -------------

    /** Arms a rule (an object) or a plan (an array); answers the armed rules. */
    public JsonArray addFaults(JsonStructure ruleOrPlan) {
        return array(send("POST", "/dpsrig/faults", Optional.of(ruleOrPlan), Optional.empty()));
    }

    public JsonArray faults() {
        return array(send("GET", "/dpsrig/faults", Optional.empty(), Optional.empty()));
    }

    public void clearFaults() {
        send("DELETE", "/dpsrig/faults", Optional.empty(), Optional.empty());
    }

    public void removeFault(String id) {
        send("DELETE", "/dpsrig/faults/" + segment(id), Optional.empty(), Optional.empty());
    }

    public JsonArray faultRecords() {
        return array(send("GET", "/dpsrig/faults/records", Optional.empty(), Optional.empty()));
    }

    public void clearFaultRecords() {
        send("DELETE", "/dpsrig/faults/records", Optional.empty(), Optional.empty());
    }

    public JsonObject quotaProfile() {
        return object(send("GET", "/dpsrig/quotas", Optional.empty(), Optional.empty()));
    }

    public JsonObject setQuotaProfile(String profile) {
        return object(send("PUT", "/dpsrig/quotas", Optional.of(Jsonp.createObjectBuilder().add("profile", profile).build()),
                Optional.empty()));
    }

    private static String hubDevicePath(String hub, String deviceId) {
        return "/dpsrig/hubs/" + segment(hub) + "/devices/" + segment(deviceId);
    }

    // ---- HTTP ------------------------------------------------------------------------------

    /** A query answers a page at a time; {@code x-ms-continuation} says where the next one starts. */
    private JsonArray queryAll(String path) {
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

    private JsonStructure send(String method, String path, Optional<? extends JsonStructure> body, Optional<String> ifMatch) {
        HttpResponse<String> answer = exchange(request(method, path, body, ifMatch).build());
        return answer.body().isBlank() ? JsonValue.EMPTY_JSON_OBJECT : parse(answer);
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
        return URI.create(connection.baseUri() + path + (path.contains("?") ? "&" : "?") + "api-version=" + API_VERSION);
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

    private static JsonArray array(JsonStructure answer) {
        if (answer instanceof JsonArray array) {
            return array;
        }
        throw new ServiceConnectionException("the service answered a JSON " + answer.getValueType() + " where an array was expected");
    }

    private static JsonObject object(JsonStructure answer) {
        if (answer instanceof JsonObject object) {
            return object;
        }
        throw new ServiceConnectionException("the service answered a JSON " + answer.getValueType() + " where an object was expected");
    }

    /** Ids are restricted to URL-safe characters by DPS, but a typo should give a 400 or 404, not a malformed URL. */
    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
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
