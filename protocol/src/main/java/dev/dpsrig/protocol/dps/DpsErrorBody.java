package dev.dpsrig.protocol.dps;

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
 * The error body of every DPS API, device and service alike:
 * {@code {"errorCode": 401002, "trackingId": "…", "message": "…", "timestampUtc": "…"}}, sent with
 * the code again in {@code x-ms-error-code}.
 */
public record DpsErrorBody(int errorCode, String trackingId, String message, Instant timestampUtc) {
    public JsonObject toJson() {
        return Jsonp.createObjectBuilder()
                .add("errorCode", errorCode)
                .add("trackingId", trackingId)
                .add("message", message)
                .add("timestampUtc", DpsTimestamps.format(timestampUtc))
                .build();
    }

    /** What an answer's body says of the error, field by field: a client shows what it can of any body. */
    public record Read(Optional<Integer> errorCode, Optional<String> trackingId, Optional<String> message) {
        private static final Read NOTHING = new Read(Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** The error fields of an answer's text; nothing when it is not a JSON object. */
    public static Read read(String text) {
        try (JsonReader reader = Jsonp.createReader(new StringReader(text))) {
            JsonObject json = reader.readObject();
            return new Read(WireFields.integer(json, "errorCode"), WireFields.string(json, "trackingId"),
                    WireFields.string(json, "message"));
        } catch (JsonException | IllegalStateException e) {
            return Read.NOTHING;
        }
    }
}
