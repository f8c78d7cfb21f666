package dev.dpsrig.simulator.http;

import dev.dpsrig.protocol.DpsErrorCode;
import dev.dpsrig.protocol.DpsException;
import dev.dpsrig.protocol.JsonInput;
import dev.dpsrig.protocol.JsonInputException;
import io.helidon.common.buffers.DataReader;
import io.helidon.http.HeaderNames;
import io.helidon.http.RequestException;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.ServerRequest;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * Reads request bodies within their API's limit ({@link ApiFamily}), and JSON bodies the way DPS
 * judges them: a non-JSON content type is 415, bad JSON is 400 naming what was wrong.
 */
public final class RequestBodies {
    private RequestBodies() {
    }

    /**
     * A body Helidon could not read as HTTP/1.1 framed it (broken chunked framing, or more than the
     * port takes): with a 4xx status the client's fault, refused with it, and the connection closed, as
     * what is left of the body cannot be read past.
     */
    static final class UnreadableBody extends RuntimeException {
        private final transient RequestException framing;

        UnreadableBody(RequestException framing) {
            super(framing.getMessage(), framing);
            this.framing = framing;
        }

        int status() {
            return framing.status().code();
        }

        /** What the client is told: a 413 as its API words it, anything else with Helidon's detail when it is safe to echo. */
        String describe(ServerRequest request) {
            if (status() == 413) {
                return ApiFamily.of(request).refusal(OptionalLong.empty(), request.headers());
            }
            String detail = framing.safeMessage() && framing.getMessage() != null ? ": " + framing.getMessage() : "";
            return "the request body could not be read as HTTP/1.1 framed it" + detail;
        }
    }

    /**
     * The whole body, never reading past {@code limit}: a {@code Content-Length} over it is refused
     * before a byte is read, a chunked body as soon as it passes it. A body the client stops sending
     * half-way ends the connection.
     *
     * @param tooLarge the refusal, given the declared length (empty for a chunked body)
     */
    static byte[] bytes(ServerRequest request, long limit, Function<OptionalLong, ? extends RuntimeException> tooLarge) {
        if (!request.content().hasEntity()) {
            return new byte[0];
        }
        OptionalLong declared = request.headers().contentLength();
        if (declared.isPresent() && declared.getAsLong() > limit) {
            throw tooLarge.apply(declared);
        }
        try (InputStream in = request.content().inputStream()) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (bytes.length > limit) {
                throw tooLarge.apply(OptionalLong.empty());
            }
            return bytes;
        } catch (RequestException e) {
            throw new UnreadableBody(e);
        } catch (DataReader.InsufficientDataAvailableException e) {
            throw new CloseConnectionException("the client closed the connection before the request ended", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the request body", e);
        }
    }

    /** The body within the limit of the request's API, refused in the DPS format. */
    public static byte[] bytes(ServerRequest request) {
        ApiFamily family = ApiFamily.of(request);
        return bytes(request, family.maxBody(request.headers()), family::dpsTooLarge);
    }

    /**
     * Refuses, from the header alone, a body declared as something other than JSON; a missing or
     * blank {@code Content-Type} is taken for JSON, as DPS does.
     */
    static void checkJsonContentType(ServerRequest request) {
        if (!request.content().hasEntity()) {
            return;
        }
        Optional<String> contentType = request.headers().first(HeaderNames.CONTENT_TYPE).filter(type -> !type.isBlank());
        if (contentType.isPresent() && !contentType.get().toLowerCase(Locale.ROOT).strip().startsWith("application/json")) {
            throw new DpsException(DpsErrorCode.UNSUPPORTED_MEDIA_TYPE, "Content-Type '" + contentType.get()
                    + "' is not supported; send the body as JSON with Content-Type: application/json");
        }
    }

    /** The body as a JSON object, or empty when there is no body at all. */
    static Optional<JsonObject> jsonObject(ServerRequest request) {
        checkJsonContentType(request);
        return json(bytes(request)).map(value -> {
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw DpsException.badRequest("request body must be a JSON object");
            }
            return value.asJsonObject();
        });
    }

    public static JsonObject requiredJsonObject(ServerRequest request) {
        return jsonObject(request).orElseThrow(() -> DpsException.badRequest("a JSON body is required"));
    }

    /** Any JSON value, within {@link JsonInput}'s limits; empty for a body of nothing but white space. */
    public static Optional<JsonValue> json(byte[] body) {
        if (isBlank(body)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JsonInput.read(body));
        } catch (JsonInputException e) {
            throw DpsException.badRequest(e.getMessage());
        }
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }
}
