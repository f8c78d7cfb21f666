package dev.dpsrig.features.steps;

import dev.dpsrig.emulator.device.DeviceTransport;
import dev.dpsrig.protocol.Jsonp;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The answer to a raw request, with the error body read in DPS's or IoT Hub's format. */
record RawResponse(String request, DeviceTransport.Answer answer) {
    int status() {
        return answer.status();
    }

    Optional<String> header(String name) {
        return answer.headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst();
    }

    /** DPS: {@code {errorCode, trackingId, message, timestampUtc}}. */
    JsonObject dpsError() {
        return json(answer.text(), "a DPS error body");
    }

    /** IoT Hub: {@code {"Message": "<JSON of errorCode, trackingId, message, timestampUtc>", "ExceptionMessage": ""}}. */
    JsonObject hubError() {
        JsonObject outer = json(answer.text(), "an IoT Hub error body");
        if (!outer.containsKey("Message") || outer.get("Message").getValueType() != jakarta.json.JsonValue.ValueType.STRING) {
            throw new AssertionError("an IoT Hub error body has a string Message; got " + evidence());
        }
        return json(outer.getString("Message"), "the JSON inside the IoT Hub error's Message");
    }

    /** What a failed expectation shows: the request and the whole answer. */
    String evidence() {
        StringBuilder text = new StringBuilder(request).append(" answered ").append(answer.status()).append('\n');
        answer.headers().forEach((name, value) -> text.append("  ").append(name).append(": ").append(value).append('\n'));
        String body = answer.text();
        return text.append("  ").append(body.length() > 2000 ? body.substring(0, 2000) + "..." : body).toString();
    }

    boolean isJson() {
        return header("Content-Type").map(type -> type.toLowerCase(Locale.ROOT).startsWith("application/json")).orElse(false);
    }

    private JsonObject json(String text, String what) {
        try (JsonReader reader = Jsonp.createReader(new StringReader(text))) {
            return reader.readObject();
        } catch (JsonException | ClassCastException e) {
            throw new AssertionError("expected " + what + " (a JSON object); got " + evidence());
        }
    }
}
