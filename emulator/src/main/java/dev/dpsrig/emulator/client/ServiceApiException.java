package dev.dpsrig.emulator.client;

import dev.dpsrig.protocol.Jsonp;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.Optional;

/**
 * A DPS service API answer outside 2xx, with the evidence from its error body
 * ({@code {errorCode, trackingId, message, timestampUtc}}). The message is one line,
 * {@code "<status> <errorCode>: <message>"}, e.g. {@code 404 404201: no individual enrollment 'dev-1'}.
 */
public final class ServiceApiException extends RuntimeException {
    private final int status;
    private final Optional<String> errorCode;
    private final String serviceMessage;
    private final Optional<String> trackingId;

    public ServiceApiException(int status, Optional<String> errorCode, String serviceMessage, Optional<String> trackingId) {
        super(status + errorCode.map(code -> " " + code).orElse("") + ": " + serviceMessage);
        this.status = status;
        this.errorCode = errorCode;
        this.serviceMessage = serviceMessage;
        this.trackingId = trackingId;
    }

    /**
     * Reads the DPS error body; real DPS has also been seen to spell {@code Message} with a capital,
     * and a proxy in between may answer with no JSON at all, so every field has a fallback.
     */
    static ServiceApiException fromAnswer(int status, Optional<String> errorCodeHeader, String body) {
        Optional<JsonObject> json = jsonObject(body);
        Optional<String> code = json.flatMap(o -> text(o.get("errorCode"))).or(() -> errorCodeHeader);
        String message = json.flatMap(o -> text(o.get("message")).or(() -> text(o.get("Message"))))
                .or(() -> json.isEmpty() && !body.isBlank() ? Optional.of(body) : Optional.empty())
                .map(ServiceApiException::oneLine)
                .orElse("no error message in the answer");
        return new ServiceApiException(status, code, message, json.flatMap(o -> text(o.get("trackingId"))));
    }

    public int status() {
        return status;
    }

    public Optional<String> errorCode() {
        return errorCode;
    }

    public String serviceMessage() {
        return serviceMessage;
    }

    public Optional<String> trackingId() {
        return trackingId;
    }

    private static Optional<JsonObject> jsonObject(String body) {
        try (JsonReader reader = Jsonp.createReader(new StringReader(body))) {
            return reader.readValue() instanceof JsonObject object ? Optional.of(object) : Optional.empty();
        } catch (JsonException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> text(JsonValue value) {
        return switch (value) {
            case JsonString string -> Optional.of(string.getString());
            case JsonNumber number -> Optional.of(number.toString());
            case null, default -> Optional.empty();
        };
    }

    private static String oneLine(String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
