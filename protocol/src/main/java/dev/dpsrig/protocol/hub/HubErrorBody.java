package dev.dpsrig.protocol.hub;

import dev.dpsrig.protocol.DpsTimestamps;
import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.protocol.WireFields;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.time.Instant;
import java.util.Optional;

/**
 * The error body of IoT Hub's device API, in the hub's current form: an object whose {@code Message}
 * is itself JSON, as a string, holding {@code errorCode}, {@code trackingId}, {@code message} and
 * {@code timestampUtc}, next to an empty {@code ExceptionMessage}:
 * {@code {"Message": "{\"errorCode\":404001,...}", "ExceptionMessage": ""}}. The code's name travels in
 * the {@code iothub-errorcode} header as well.
 */
public record HubErrorBody(int errorCode, String trackingId, String message, Instant timestampUtc) {

    public JsonObject toJson() {
        String inner = Jsonp.createObjectBuilder()
                .add("errorCode", errorCode)
                .add("trackingId", trackingId)
                .add("message", message)
                .add("timestampUtc", DpsTimestamps.format(timestampUtc))
                .build().toString();
        return Jsonp.createObjectBuilder().add("Message", inner).add("ExceptionMessage", "").build();
    }

    /**
     * What an answer's body says of the error, field by field: a client shows what it can of any body.
     *
     * @param envelope the outer {@code Message} as it came, whether or not it holds JSON
     */
    public record Read(Optional<String> envelope, Optional<Integer> errorCode, Optional<String> trackingId,
                       Optional<String> message) {
        private static final Read NOTHING = new Read(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** The error fields of an answer's text; nothing when it is not an object with a string {@code Message}. */
    public static Read read(String text) {
        Optional<String> envelope = object(text).flatMap(outer -> WireFields.string(outer, "Message"));
        if (envelope.isEmpty()) {
            return Read.NOTHING;
        }
        return object(envelope.get())
                .map(inner -> new Read(envelope, WireFields.integer(inner, "errorCode"), WireFields.string(inner, "trackingId"),
                        WireFields.string(inner, "message")))
                .orElseGet(() -> new Read(envelope, Optional.empty(), Optional.empty(), Optional.empty()));
    }

    private static Optional<JsonObject> object(String text) {
        try (JsonReader reader = Jsonp.createReader(new StringReader(text))) {
            return Optional.of(reader.readObject());
        } catch (JsonException | IllegalStateException e) {
            return Optional.empty();
        }
    }
}
