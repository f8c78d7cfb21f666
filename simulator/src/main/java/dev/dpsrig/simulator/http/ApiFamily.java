package dev.dpsrig.simulator.http;

import dev.dpsrig.protocol.DpsErrorCode;
import dev.dpsrig.protocol.DpsException;
import dev.dpsrig.protocol.HubErrorCode;
import dev.dpsrig.protocol.HubException;
import dev.dpsrig.simulator.hub.IncomingMessage;
import io.helidon.common.uri.UriPath;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.webserver.http.ServerRequest;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * The APIs the simulator serves, each with the largest request body it reads. A body over the limit
 * is refused with 413 in the API's error format: at once when {@code Content-Length} says so, before
 * any authentication or parsing; while reading, for a chunked body, as soon as the limit is passed.
 * No body is ever read past its limit.
 */
enum ApiFamily {
    /**
     * Register and the two lookups. Azure's DPS quotas give 96 KB as the maximum message size
     * (includes/iot-dps-limits.md, 2024); a register body is {@code {"registrationId", "payload"}}.
     */
    DPS_DEVICE("the DPS device API", 96 * 1024),
    /**
     * Enrollments, groups, registrations, CA certificates. Azure documents no byte limit here; its
     * largest body is a bulk operation of up to 10 enrollments (REST "Run Bulk Operation"), each with
     * an initial twin (IoT Hub caps tags at 8 KB and desired properties at 32 KB) and two certificates.
     * 1 MiB holds that twice over; the body is read only after the service SAS token is checked.
     */
    DPS_SERVICE("the DPS service API", 1024 * 1024),
    /**
     * The simulator's own {@code /dpsrig/...} API: fault plans, quota profiles, hub inspection and
     * cloud-to-device sends (IoT Hub caps those at 64 KB, base64 in JSON here). Same bound as the
     * service API it is authorized like.
     */
    ADMIN("the simulator's /dpsrig API", 1024 * 1024),
    /**
     * Device-to-cloud sends: IoT Hub takes messages and batches of up to 256 KB
     * (iot-hub-devguide-messages-construct). A batch is JSON with base64 bodies, a third larger than
     * the bytes it carries, so the port admits twice that; a single message is held to 256 KB itself.
     */
    HUB_DEVICE("the IoT Hub device API", 2L * IncomingMessage.MAX_SIZE);

    private static final String HUB_BATCH_CONTENT_TYPE = "application/vnd.microsoft.iothub.json";

    private final String description;
    private final long maxBody;

    ApiFamily(String description, long maxBody) {
        this.description = description;
        this.maxBody = maxBody;
    }

    /** The largest body any request of this API may have. */
    long maxBody() {
        return maxBody;
    }

    /** The largest body this request may have: on a hub, a single message is held to 256 KB, a batch may be larger. */
    long maxBody(Headers headers) {
        return this == HUB_DEVICE && !isHubBatch(headers) ? IncomingMessage.MAX_SIZE : maxBody;
    }

    String description() {
        return description;
    }

    /** The 413 message for this request; {@code declared} is empty for a chunked body found too long while reading it. */
    String refusal(OptionalLong declared, Headers headers) {
        String message = tooLarge(declared, maxBody(headers));
        return this == HUB_DEVICE ? message : message + " of " + description;
    }

    /**
     * A batch is sent as {@code application/vnd.microsoft.iothub.json}; the media type is read from
     * the header text as it is, so that a blank or odd {@code Content-Type} makes a single message, not an error.
     */
    static boolean isHubBatch(Headers headers) {
        return headers.first(HeaderNames.CONTENT_TYPE)
                .map(type -> type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT).equals(HUB_BATCH_CONTENT_TYPE))
                .orElse(false);
    }

    /**
     * Which API a request on the DPS port addresses, by its path: {@code /dpsrig/...} is the admin API,
     * {@code /{idScope}/registrations/...} the device API, anything else the service API. Only the
     * body limit depends on it, so the literal segments are compared as sent, without decoding.
     */
    static ApiFamily onDpsPort(UriPath path) {
        String[] segments = path.rawPathNoParams().split("/", 6);
        String first = segments.length > 1 ? segments[1] : "";
        if (first.equalsIgnoreCase("dpsrig")) {
            return ADMIN;
        }
        return segments.length >= 4 && segments[2].equalsIgnoreCase("registrations") ? DPS_DEVICE : DPS_SERVICE;
    }

    /** Every request on a hub port is for the hub's device API. */
    static ApiFamily onHubPort(UriPath path) {
        return HUB_DEVICE;
    }

    /** The family {@link RequestGate} put in the request's context; the smallest limit when none was. */
    static ApiFamily of(ServerRequest request) {
        return request.context().get(ApiFamily.class).orElse(DPS_DEVICE);
    }

    /** The 413 of a DPS-port API. */
    DpsException dpsTooLarge(OptionalLong declared) {
        return new DpsException(DpsErrorCode.PAYLOAD_TOO_LARGE, tooLarge(declared, maxBody) + " of " + description);
    }

    /** The hub's 413, for a body over {@code limit}. */
    static HubException hubTooLarge(OptionalLong declared, long limit) {
        return new HubException(HubErrorCode.MESSAGE_TOO_LARGE, tooLarge(declared, limit));
    }

    /** @param declared the size {@code Content-Length} gave; empty for a chunked body found too long while reading it */
    static String tooLarge(OptionalLong declared, long limit) {
        return declared.isPresent()
                ? "the request body of " + declared.getAsLong() + " bytes exceeds the " + limit + "-byte limit"
                : "the request body exceeds the " + limit + "-byte limit";
    }
}
