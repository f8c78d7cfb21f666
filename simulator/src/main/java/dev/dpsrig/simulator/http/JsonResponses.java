package dev.dpsrig.simulator.http;

import dev.dpsrig.protocol.DpsErrorCode;
import dev.dpsrig.protocol.DpsException;
import dev.dpsrig.protocol.dps.DpsErrorBody;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.JsonStructure;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Writes DPS answers: JSON with {@code Content-Type: application/json; charset=utf-8} (Node's
 * client ignores bodies without it), a request id, and errors in the
 * {@code {errorCode, trackingId, message, timestampUtc}} shape with {@code x-ms-error-code}.
 */
public final class JsonResponses implements ErrorFormat {
    static final String JSON = "application/json; charset=utf-8";

    private final Clock clock;

    JsonResponses(Clock clock) {
        this.clock = clock;
    }

    public void send(ServerResponse response, int status, JsonStructure body) {
        response.status(status);
        response.header(HeaderNames.CONTENT_TYPE, JSON);
        response.header("x-ms-request-id", UUID.randomUUID().toString());
        response.send(body.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Bytes sent as they are, with the JSON content type: for deliberately damaged answers. */
    void sendRaw(ServerResponse response, int status, byte[] body) {
        response.status(status);
        response.header(HeaderNames.CONTENT_TYPE, JSON);
        response.header("x-ms-request-id", UUID.randomUUID().toString());
        response.send(body);
    }

    public void noContent(ServerResponse response) {
        response.status(204);
        response.header("x-ms-request-id", UUID.randomUUID().toString());
        response.send();
    }

    void error(ServerResponse response, DpsException error) {
        error(response, error.errorCode(), error.getMessage());
    }

    void error(ServerResponse response, DpsErrorCode code, String message) {
        refusal(code, message, UUID.randomUUID().toString()).send(response);
    }

    @Override
    public Refusal refusal(int status, String message) {
        DpsErrorCode code = Arrays.stream(DpsErrorCode.values())
                .filter(candidate -> candidate.httpStatus() == status)
                .findFirst()
                .orElse(status >= 500 ? DpsErrorCode.INTERNAL_ERROR : DpsErrorCode.BAD_REQUEST);
        return refusal(code, message, UUID.randomUUID().toString());
    }

    @Override
    public Optional<Refusal> refusalOf(Throwable failure) {
        return failure instanceof DpsException dps
                ? Optional.of(refusal(dps.errorCode(), dps.getMessage(), UUID.randomUUID().toString()))
                : Optional.empty();
    }

    @Override
    public Refusal internalError(String trackingId) {
        return refusal(DpsErrorCode.INTERNAL_ERROR, "internal error (tracking id " + trackingId
                + "): the simulator's log has the details", trackingId);
    }

    private Refusal refusal(DpsErrorCode code, String message, String trackingId) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-ms-error-code", Integer.toString(code.code()));
        headers.put(HeaderNames.CONTENT_TYPE.defaultCase(), JSON);
        headers.put("x-ms-request-id", UUID.randomUUID().toString());
        byte[] body = new DpsErrorBody(code.code(), trackingId, message, clock.instant()).toJson().toString()
                .getBytes(StandardCharsets.UTF_8);
        return new Refusal(code.httpStatus(), headers, body);
    }
}
