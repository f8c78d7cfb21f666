package dev.dpsrig.emulator.device;

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
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The IoT Hub device API over HTTPS: {@code POST /devices/{id}/messages/events} (one message, or a batch as
 * {@code application/vnd.microsoft.iothub.json}) and cloud-to-device receive and settlement on
 * {@code /messages/deviceBound}, each request with a SAS token signed with the device key or over a connection
 * presenting the device's certificate.
 */
public final class HttpsHubLink implements HubLink {
    public static final String API_VERSION = "2020-03-13";
    private static final Duration TOKEN_LIFETIME = Duration.ofHours(1);
    private static final MediaType BATCH = MediaTypes.create("application/vnd.microsoft.iothub.json");

    private final DeviceTransport transport;
    private final String hostName;
    private final String deviceId;
    private final DeviceAttestation credentials;
    private final Clock clock;

    public HttpsHubLink(DeviceTransport transport, String hostName, String deviceId, DeviceAttestation credentials, Clock clock) {
        this.transport = transport;
        this.hostName = hostName;
        this.deviceId = deviceId;
        this.credentials = credentials;
        this.clock = clock;
    }

    /** Links over {@code transport}, shared by the devices it serves. */
    public static Opener opener(DeviceTransport transport, Clock clock) {
        return (hostName, deviceId, credentials) -> new HttpsHubLink(transport, hostName, deviceId, credentials, clock);
    }

    @Override
    public String hostName() {
        return hostName;
    }

    @Override
    public String deviceId() {
        return deviceId;
    }

    @Override
    public Delivery send(Telemetry message, Duration timeout) throws DeviceTransport.TransportFailure {
        Map<String, String> headers = authorization();
        message.properties().forEach((name, value) -> headers.put(MessageProperty.APPLICATION_PREFIX + name, value));
        message.systemProperties().forEach((property, value) -> headers.put(property.header(), value));
        MediaType type = message.systemProperties().containsKey(MessageProperty.CONTENT_TYPE)
                ? MediaTypes.create(message.systemProperties().get(MessageProperty.CONTENT_TYPE)) : MediaTypes.APPLICATION_OCTET_STREAM;
        return post(headers, message.body(), type, timeout);
    }

    @Override
    public Delivery sendBatch(List<Telemetry> messages, Duration timeout) throws DeviceTransport.TransportFailure {
        return post(authorization(), batch(messages), BATCH, timeout);
    }

    private Delivery post(Map<String, String> headers, byte[] body, MediaType type, Duration timeout)
            throws DeviceTransport.TransportFailure {
        DeviceTransport.Answer answer = transport.exchange(Method.POST, url("/messages/events"), headers, Optional.of(body),
                Optional.of(type), credentials.clientCertificate(), timeout);
        return new Delivery(answer.status(), Optional.ofNullable(answer.headers().get("iothub-errorcode")), hubMessage(answer),
                answer.retryAfter());
    }

    private static byte[] batch(List<Telemetry> messages) {
        JsonArrayBuilder batch = Jsonp.createArrayBuilder();
        for (Telemetry message : messages) {
            JsonObjectBuilder properties = Jsonp.createObjectBuilder();
            message.properties().forEach((name, value) -> properties.add(MessageProperty.APPLICATION_PREFIX + name, value));
            message.systemProperties().forEach((property, value) -> properties.add(property.header(), value));
            batch.add(Jsonp.createObjectBuilder().add("body", Base64.getEncoder().encodeToString(message.body())).add("properties", properties));
        }
        return batch.build().toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean hasAnswered(String endpoint) {
        return transport.hasAnswered(endpoint);
    }

    @Override
    public Optional<CloudMessage> receive(Duration timeout) throws DeviceTransport.TransportFailure {
        DeviceTransport.Answer answer = c2d(Method.GET, "/messages/deviceBound", timeout);
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

    @Override
    public void settle(String lockToken, Settlement settlement, Duration timeout) throws DeviceTransport.TransportFailure {
        switch (settlement) {
            case COMPLETE -> c2d(Method.DELETE, "/messages/deviceBound/" + encode(lockToken), timeout);
            case REJECT -> c2d(Method.DELETE, "/messages/deviceBound/" + encode(lockToken) + "&reject", timeout);
            case ABANDON -> c2d(Method.POST, "/messages/deviceBound/" + encode(lockToken) + "/abandon", timeout);
        }
    }

    @Override
    public void close() {
        // The transport is shared; it is closed by its owner.
    }

    private DeviceTransport.Answer c2d(Method method, String path, Duration timeout) throws DeviceTransport.TransportFailure {
        DeviceTransport.Answer answer = transport.exchange(method, url(path), authorization(), Optional.empty(), Optional.empty(),
                credentials.clientCertificate(), timeout);
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

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The hub's error text: the inner {@code message} of its {@link HubErrorBody} when there is one. */
    static String hubMessage(DeviceTransport.Answer answer) {
        HubErrorBody.Read error = HubErrorBody.read(answer.text());
        return error.message().or(error::envelope).orElseGet(() -> ProvisioningClient.abbreviate(answer.text()));
    }
}
