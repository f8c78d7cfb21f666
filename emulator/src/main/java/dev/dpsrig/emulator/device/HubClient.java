package dev.dpsrig.emulator.device;

import dev.dpsrig.certs.HeldCertificate;
import dev.dpsrig.protocol.ConnectFailure;
import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.protocol.MessageProperty;
import dev.dpsrig.protocol.SasToken;
import dev.dpsrig.protocol.hub.HubErrorBody;
import io.helidon.common.media.type.MediaType;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.Method;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A device's side of the IoT Hub HTTPS API on its assigned hub: telemetry (single and batch) and
 * cloud-to-device receive, complete, reject and abandon, authenticated with a SAS token signed with
 * the device key or with the device's certificate. Sends are retried on 429, 5xx and connection
 * failures within the policy's deadline; each ends {@link TelemetryOutcome.Acknowledged} or
 * {@link TelemetryOutcome.Failed} with its reason, never silently, or {@link TelemetryOutcome.Unreachable} at
 * once when the hub cannot be connected to and has never answered through the transport ({@link RetryPolicy#retries}).
 */
public final class HubClient {
    public static final String API_VERSION = "2020-03-13";
    private static final Duration TOKEN_LIFETIME = Duration.ofHours(1);
    private static final MediaType BATCH = MediaTypes.create("application/vnd.microsoft.iothub.json");

    private final DeviceTransport transport;
    private final String hostName;
    private final String deviceId;
    private final DeviceAttestation credentials;
    private final RetryPolicy policy;
    private final Clock clock;
    private final Waiter waiter;

    /**
     * @param hostName    the assigned hub, {@code host[:port]}
     * @param credentials a symmetric-key device signs hub tokens with its key; an X.509 device presents its certificate
     */
    public HubClient(DeviceTransport transport, String hostName, String deviceId, DeviceAttestation credentials,
                     RetryPolicy policy, Clock clock, Waiter waiter) {
        this.transport = transport;
        this.hostName = hostName;
        this.deviceId = deviceId;
        this.credentials = credentials;
        this.policy = policy;
        this.clock = clock;
        this.waiter = waiter;
    }

    public String hostName() {
        return hostName;
    }

    public String deviceId() {
        return deviceId;
    }

    public TelemetryOutcome send(Telemetry message, Timeline timeline, SplittableRandom random) throws InterruptedException {
        Map<String, String> headers = authorization();
        message.properties().forEach((name, value) -> headers.put(MessageProperty.APPLICATION_PREFIX + name, value));
        message.systemProperties().forEach((property, value) -> headers.put(property.header(), value));
        MediaType type = message.systemProperties().containsKey(MessageProperty.CONTENT_TYPE)
                ? MediaTypes.create(message.systemProperties().get(MessageProperty.CONTENT_TYPE)) : MediaTypes.APPLICATION_OCTET_STREAM;
        return deliver(1, headers, message.body(), type, timeline, random);
    }

    /** One request carrying all the messages, as {@code application/vnd.microsoft.iothub.json}. */
    public TelemetryOutcome sendBatch(List<Telemetry> messages, Timeline timeline, SplittableRandom random) throws InterruptedException {
        JsonArrayBuilder batch = Jsonp.createArrayBuilder();
        for (Telemetry message : messages) {
            JsonObjectBuilder properties = Jsonp.createObjectBuilder();
            message.properties().forEach((name, value) -> properties.add(MessageProperty.APPLICATION_PREFIX + name, value));
            message.systemProperties().forEach((property, value) -> properties.add(property.header(), value));
            batch.add(Jsonp.createObjectBuilder().add("body", Base64.getEncoder().encodeToString(message.body())).add("properties", properties));
        }
        return deliver(messages.size(), authorization(), batch.build().toString().getBytes(StandardCharsets.UTF_8), BATCH, timeline, random);
    }

    private TelemetryOutcome deliver(int count, Map<String, String> headers, byte[] body, MediaType type, Timeline timeline,
                                     SplittableRandom random) throws InterruptedException {
        Instant start = clock.instant();
        Instant deadline = start.plus(policy.deadline());
        int attempts = 0;
        String lastReason = "";
        int lastStatus = 0;
        Optional<String> lastCode = Optional.empty();
        while (true) {
            attempts++;
            Optional<String> retryAfter = Optional.empty();
            try {
                DeviceTransport.Answer answer = transport.exchange(Method.POST, url("/messages/events"), headers, Optional.of(body),
                        Optional.of(type), identity(), policy.requestTimeout());
                if (answer.status() / 100 == 2) {
                    Duration latency = Duration.between(start, clock.instant());
                    timeline.add(new DeviceEvent.MessageSent(clock.instant(), deviceId, count, answer.status(), latency));
                    return new TelemetryOutcome.Acknowledged(count, latency, attempts);
                }
                lastStatus = answer.status();
                lastCode = Optional.ofNullable(answer.headers().get("iothub-errorcode"));
                lastReason = answer.status() + " " + lastCode.orElse("") + " " + hubMessage(answer);
                if (answer.status() != 429 && answer.status() < 500) {
                    return failed(count, lastStatus, lastCode, lastReason, timeline);
                }
                retryAfter = answer.retryAfter();
            } catch (DeviceTransport.TransportFailure failure) {
                if (Thread.interrupted()) {
                    // Stopped from outside (the fleet ends, the board loses power): not a failure to retry.
                    throw new InterruptedException("send interrupted");
                }
                if (!policy.retries(failure.connectFailure(), transport.hasAnswered(failure.endpoint()))) {
                    String reason = "cannot reach the hub at " + failure.endpoint() + ": " + failure.connectFailure().orElseThrow().text()
                            + " (it has not answered in this run; not retried)";
                    timeline.add(new DeviceEvent.MessageFailed(clock.instant(), deviceId, count, reason));
                    return new TelemetryOutcome.Unreachable(count, failure.endpoint(), failure.connectFailure().orElseThrow(), reason);
                }
                lastStatus = 0;
                lastCode = Optional.empty();
                lastReason = failure.getMessage();
            }
            int tries = attempts;
            Duration wait = retryAfter.flatMap(RetryPolicy::seconds).filter(d -> !d.isZero())
                    .orElseGet(() -> policy.backoff(tries, random.nextDouble()));
            if (clock.instant().plus(wait).isAfter(deadline)) {
                return failed(count, lastStatus, lastCode, "gave up after " + attempts + " attempts: " + lastReason.strip(), timeline);
            }
            timeline.add(new DeviceEvent.RetryScheduled(clock.instant(), deviceId, "send", lastReason.strip(), wait));
            waiter.await(wait);
        }
    }

    private TelemetryOutcome failed(int count, int status, Optional<String> code, String reason, Timeline timeline) {
        timeline.add(new DeviceEvent.MessageFailed(clock.instant(), deviceId, count, reason.strip()));
        return new TelemetryOutcome.Failed(count, status, code, reason.strip());
    }

    /** The oldest waiting cloud-to-device message, now locked for this device; empty when none waits. */
    public Optional<CloudMessage> receive() {
        DeviceTransport.Answer answer = c2d(Method.GET, "/messages/deviceBound");
        if (answer.status() == 204) {
            return Optional.empty();
        }
        Map<String, String> properties = new LinkedHashMap<>();
        Map<String, String> headers = new LinkedHashMap<>();
        answer.headers().forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith(MessageProperty.APPLICATION_PREFIX)) {
                properties.put(name.substring(MessageProperty.APPLICATION_PREFIX.length()), value);
            } else if (lower.startsWith("iothub-") || lower.equals("contenttype") || lower.equals("contentencoding")) {
                headers.put(name, value);
            }
        });
        String etag = answer.etag().orElseThrow(() -> new HubRequestException(answer.status(), Optional.empty(),
                "a cloud-to-device message came without an ETag (its lock token)"));
        String lockToken = etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"") ? etag.substring(1, etag.length() - 1) : etag;
        int deliveryCount = Integer.parseInt(headers.getOrDefault("iothub-deliverycount", "0"));
        return Optional.of(new CloudMessage(answer.body(), lockToken, deliveryCount, properties, headers));
    }

    public void complete(String lockToken) {
        c2d(Method.DELETE, "/messages/deviceBound/" + encode(lockToken));
    }

    public void reject(String lockToken) {
        c2d(Method.DELETE, "/messages/deviceBound/" + encode(lockToken) + "&reject");
    }

    public void abandon(String lockToken) {
        c2d(Method.POST, "/messages/deviceBound/" + encode(lockToken) + "/abandon");
    }

    private DeviceTransport.Answer c2d(Method method, String path) {
        DeviceTransport.Answer answer;
        try {
            answer = transport.exchange(method, url(path), authorization(), Optional.empty(), Optional.empty(), identity(),
                    policy.requestTimeout());
        } catch (DeviceTransport.TransportFailure failure) {
            if (!policy.retries(failure.connectFailure(), transport.hasAnswered(failure.endpoint()))) {
                ConnectFailure why = failure.connectFailure().orElseThrow();
                throw new HubRequestException(failure.endpoint(), why, method.text() + " " + path + ": cannot reach the hub at "
                        + failure.endpoint() + ": " + why.text(), failure);
            }
            throw new HubRequestException(0, Optional.empty(), method.text() + " " + path + ": " + failure.getMessage());
        }
        if (answer.status() / 100 != 2) {
            throw new HubRequestException(answer.status(), Optional.ofNullable(answer.headers().get("iothub-errorcode")),
                    method.text() + " " + path + " answered " + answer.status() + ": " + hubMessage(answer));
        }
        return answer;
    }

    /** {@code &reject} travels after the api-version, as the C, Node and C# clients send it. */
    private String url(String path) {
        String query = "?api-version=" + API_VERSION;
        if (path.endsWith("&reject")) {
            return "https://" + hostName + "/devices/" + encode(deviceId) + path.substring(0, path.length() - 7) + query + "&reject";
        }
        return "https://" + hostName + "/devices/" + encode(deviceId) + path + query;
    }

    private Map<String, String> authorization() {
        Map<String, String> headers = new LinkedHashMap<>();
        if (credentials instanceof DeviceAttestation.SymmetricKey symmetric) {
            headers.put("Authorization", SasToken.sign(hostName + "/devices/" + deviceId, symmetric.signer(),
                    clock.instant().plus(TOKEN_LIFETIME), Optional.empty()).toAuthorizationHeader());
        }
        return headers;
    }

    private Optional<HeldCertificate> identity() {
        return credentials instanceof DeviceAttestation.X509 x509 ? Optional.of(x509.identity()) : Optional.empty();
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The hub's error text: the inner {@code message} of its {@link HubErrorBody} when there is one. */
    static String hubMessage(DeviceTransport.Answer answer) {
        HubErrorBody.Read error = HubErrorBody.read(answer.text());
        return error.message().or(error::envelope).orElseGet(() -> ProvisioningClient.abbreviate(answer.text()));
    }
}
