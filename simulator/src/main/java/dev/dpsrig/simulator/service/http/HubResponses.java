package dev.dpsrig.simulator.service.http;

import dev.dpsrig.simulator.protocol.DpsTimestamps;
import dev.dpsrig.simulator.protocol.HubErrorCode;
import dev.dpsrig.simulator.protocol.HubException;
import dev.dpsrig.simulator.protocol.Jsonp;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * Writes IoT Hub answers. Errors take the hub's current form: a JSON object whose {@code Message} is
 * itself a JSON string holding {@code errorCode}, {@code trackingId}, {@code message} and
 * {@code timestampUtc}, with the code's name in the {@code iothub-errorcode} header (the C# SDK
 * checks that the two agree).
 */
final class HubResponses {
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
        Instant now = clock.instant();
        String trackingId = UUID.randomUUID().toString().replace("-", "") + "-G:0-TimeStamp:" + TRACKING_TIME.format(now);
        String inner = Jsonp.createObjectBuilder()
                .add("errorCode", code.code())
                .add("trackingId", trackingId)
                .add("message", message)
                .add("timestampUtc", DpsTimestamps.format(now))
                .build().toString();
        String body = Jsonp.createObjectBuilder().add("Message", inner).add("ExceptionMessage", "").build().toString();
        response.status(code.httpStatus());
        response.header("iothub-errorcode", code.wireName());
        response.header("x-ms-request-id", UUID.randomUUID().toString());
        response.header(HeaderNames.CONTENT_TYPE, JsonResponses.JSON);
        response.send(body.getBytes(StandardCharsets.UTF_8));
    }
}
