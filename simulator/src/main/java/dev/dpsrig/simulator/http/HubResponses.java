package dev.dpsrig.simulator.http;

import dev.dpsrig.protocol.HubErrorCode;
import dev.dpsrig.protocol.HubException;
import dev.dpsrig.protocol.hub.HubErrorBody;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Writes IoT Hub answers. Errors take the hub's current form, a {@link HubErrorBody}, with the code's
 * name in the {@code iothub-errorcode} header (the C# SDK checks that the two agree).
 */
final class HubResponses implements ErrorFormat {
    private static final DateTimeFormatter TRACKING_TIME =
            DateTimeFormatter.ofPattern("MM/dd/yyyy HH:mm:ss").withZone(ZoneOffset.UTC);

    private final Clock clock;

    HubResponses(Clock clock) {
        this.clock = clock;
    }

    void noContent(ServerResponse response) {
        response.status(204);
        response.header("x-ms-request-id", UUID.randomUUID().toString());
        response.send();
    }

    void error(ServerResponse response, HubException error) {
        error(response, error.errorCode(), error.getMessage());
    }

    void error(ServerResponse response, HubErrorCode code, String message) {
        refusal(code, message, Optional.empty()).send(response);
    }

    @Override
    public Refusal refusal(int status, String message) {
        HubErrorCode code = switch (status) {
            case 401 -> HubErrorCode.IOT_HUB_UNAUTHORIZED_ACCESS;
            case 404 -> HubErrorCode.NOT_FOUND;
            case 405 -> HubErrorCode.METHOD_NOT_ALLOWED;
            case 412 -> HubErrorCode.DEVICE_MESSAGE_LOCK_LOST;
            case 413 -> HubErrorCode.MESSAGE_TOO_LARGE;
            case 414 -> HubErrorCode.REQUEST_URI_TOO_LONG;
            case 429 -> HubErrorCode.THROTTLING_EXCEPTION;
            case 503 -> HubErrorCode.SERVICE_UNAVAILABLE;
            default -> status >= 500 ? HubErrorCode.SERVER_ERROR : HubErrorCode.ARGUMENT_INVALID;
        };
        return refusal(code, message, Optional.empty());
    }

    @Override
    public Optional<Refusal> refusalOf(Throwable failure) {
        return failure instanceof HubException hub
                ? Optional.of(refusal(hub.errorCode(), hub.getMessage(), Optional.empty()))
                : Optional.empty();
    }

    @Override
    public Refusal internalError(String trackingId) {
        return refusal(HubErrorCode.SERVER_ERROR, "internal error (tracking id " + trackingId
                + "): the simulator's log has the details", Optional.of(trackingId));
    }

    private Refusal refusal(HubErrorCode code, String message, Optional<String> trackingId) {
        Instant now = clock.instant();
        HubErrorBody error = new HubErrorBody(code.code(), trackingId.orElseGet(() -> UUID.randomUUID().toString().replace("-", ""))
                + "-G:0-TimeStamp:" + TRACKING_TIME.format(now), message, now);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("iothub-errorcode", code.wireName());
        headers.put("x-ms-request-id", UUID.randomUUID().toString());
        headers.put(HeaderNames.CONTENT_TYPE.defaultCase(), JsonResponses.JSON);
        return new Refusal(code.httpStatus(), headers, error.toJson().toString().getBytes(StandardCharsets.UTF_8));
    }
}
