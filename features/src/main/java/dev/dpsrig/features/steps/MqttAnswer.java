package dev.dpsrig.features.steps;

import dev.dpsrig.protocol.Jsonp;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DPS's answer to a register or status request over MQTT: a message on {@code $dps/registrations/res/{status}/?$rid={rid}}
 * ({@code &retry-after={seconds}} when the device should wait), whose body is the HTTPS answer's body.
 */
record MqttAnswer(String topic, String body) {
    private static final Pattern TOPIC = Pattern.compile("\\$dps/registrations/res/(\\d{3})/\\?(.*)");

    /** The status in the topic; an answer on any other topic is a failed expectation. */
    int status() {
        return Integer.parseInt(topicMatch().group(1));
    }

    /** The request id the answer names. */
    Optional<String> requestId() {
        return parameter("$rid");
    }

    /** The seconds DPS asks the device to wait, from the topic. */
    Optional<String> retryAfter() {
        return parameter("retry-after");
    }

    /** The body as a JSON object: a registration operation status or a DPS error body. */
    JsonObject json() {
        try (JsonReader reader = Jsonp.createReader(new StringReader(body))) {
            return reader.readObject();
        } catch (JsonException | ClassCastException e) {
            throw new AssertionError("expected a JSON object in the answer; got " + this);
        }
    }

    @Override
    public String toString() {
        return topic + " " + (body.length() > 2000 ? body.substring(0, 2000) + "..." : body);
    }

    private Optional<String> parameter(String name) {
        for (String pair : topicMatch().group(2).split("&")) {
            if (pair.startsWith(name + "=")) {
                return Optional.of(pair.substring(name.length() + 1));
            }
        }
        return Optional.empty();
    }

    private Matcher topicMatch() {
        Matcher matcher = TOPIC.matcher(topic);
        if (!matcher.matches()) {
            throw new AssertionError("an answer on $dps/registrations/res/{status}/?$rid={rid}; got " + this);
        }
        return matcher;
    }
}
