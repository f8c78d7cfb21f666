package dev.dpsrig.simulator.service.http;

import dev.dpsrig.simulator.protocol.DpsErrorCode;
import dev.dpsrig.simulator.protocol.DpsException;
import dev.dpsrig.simulator.protocol.Jsonp;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/** Reads JSON request bodies the way DPS judges them: a non-JSON content type is 415, bad JSON is 400. */
final class RequestBodies {
    private RequestBodies() {
    }

    /** The body as a JSON object, or empty when there is no body at all. */
    static Optional<JsonObject> jsonObject(ServerRequest request) {
        byte[] bytes = request.content().hasEntity() ? request.content().as(byte[].class) : new byte[0];
        if (bytes.length == 0 || new String(bytes, StandardCharsets.UTF_8).isBlank()) {
            return Optional.empty();
        }
        Optional<String> contentType = request.headers().first(HeaderNames.CONTENT_TYPE);
        if (contentType.isPresent() && !contentType.get().toLowerCase(Locale.ROOT).strip().startsWith("application/json")) {
            throw new DpsException(DpsErrorCode.UNSUPPORTED_MEDIA_TYPE, "Content-Type '" + contentType.get()
                    + "' is not supported; send the body as JSON with Content-Type: application/json");
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        try (JsonReader reader = Jsonp.createReader(new StringReader(text))) {
            return Optional.of(reader.readObject());
        } catch (JsonParsingException e) {
            throw DpsException.badRequest("request body is not valid JSON: " + e.getMessage());
        } catch (JsonException | ClassCastException e) {
            throw DpsException.badRequest("request body must be a JSON object");
        }
    }

    static JsonObject requiredJsonObject(ServerRequest request) {
        return jsonObject(request).orElseThrow(() -> DpsException.badRequest("a JSON body is required"));
    }
}
