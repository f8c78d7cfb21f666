package dev.dpsrig.protocol.hub;

import dev.dpsrig.protocol.MessageProperty;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.stream.Collectors;

/**
 * The properties of a message between a device and IoT Hub over MQTT: the last level of its topic,
 * {@code name=value} pairs joined by {@code &}, each URL-encoded, e.g. {@code $.ct=application%2Fjson&$.ce=utf-8&k=v}.
 * A name starting {@code $.} is a system property ({@code $.mid}, {@code $.cid}, {@code $.ct}, {@code $.ce},
 * {@code $.ctime}, {@code $.uid}, {@code $.exp}, {@code $.sub}, {@code $.ifid}, {@code $.on}); the hub sets the others
 * itself ({@code $.to}, {@code $.cdid}, {@code $.cmid}) and ignores what a device puts there. {@code iothub-ack} is the
 * feedback a cloud-to-device message's sender asked for. Any other name is an application property, whose name and
 * value may hold any character.
 */
public record MqttPropertyBag(Map<String, String> applicationProperties, Map<MessageProperty, String> systemProperties) {
    private static final String SYSTEM_PREFIX = "$.";
    private static final String ACK = "iothub-ack";
    private static final Map<String, MessageProperty> SYSTEM = Map.of(
            "$.mid", MessageProperty.MESSAGE_ID,
            "$.cid", MessageProperty.CORRELATION_ID,
            "$.ct", MessageProperty.CONTENT_TYPE,
            "$.ce", MessageProperty.CONTENT_ENCODING,
            "$.ctime", MessageProperty.CREATION_TIME_UTC,
            "$.uid", MessageProperty.USER_ID,
            "$.exp", MessageProperty.EXPIRY,
            "$.sub", MessageProperty.DT_SUBJECT,
            "$.ifid", MessageProperty.INTERFACE_ID,
            "$.on", MessageProperty.OUTPUT_NAME);

    public MqttPropertyBag {
        applicationProperties = Collections.unmodifiableMap(new LinkedHashMap<>(applicationProperties));
        systemProperties = systemProperties.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(systemProperties));
    }

    /**
     * Reads a bag; an empty one has no properties, a name without {@code =} has the empty value.
     *
     * @throws IllegalArgumentException for a malformed percent-encoding or an empty name
     */
    public static MqttPropertyBag parse(String bag) {
        Map<String, String> application = new LinkedHashMap<>();
        Map<MessageProperty, String> system = new EnumMap<>(MessageProperty.class);
        for (String pair : bag.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            if (name.isEmpty()) {
                throw new IllegalArgumentException("the property '" + pair + "' has no name");
            }
            if (name.equals(ACK)) {
                system.put(MessageProperty.ACK, value);
            } else if (name.startsWith(SYSTEM_PREFIX)) {
                Optional.ofNullable(SYSTEM.get(name)).ifPresent(property -> system.put(property, value));
            } else {
                application.put(name, value);
            }
        }
        return new MqttPropertyBag(application, system);
    }

    /**
     * The bag as IoT Hub writes it in the topic of a cloud-to-device message to {@code deviceId}
     * ({@code devices/{id}/messages/devicebound/{bag}}): {@code $.to} first, then the system properties,
     * {@code iothub-ack}, and the application properties, names and values percent-encoded, {@code $} as {@code %24}
     * (the Azure IoT Java SDK reads the bag from the first {@code %24} of the topic), a space as {@code %20}. A property
     * with an empty value is left out: the Java SDK fails on {@code name=} with nothing after it.
     */
    public String toDeviceBound(String deviceId) {
        Map<String, String> pairs = new LinkedHashMap<>();
        pairs.put(SYSTEM_PREFIX + "to", "/devices/" + deviceId + "/messages/deviceBound");
        SYSTEM.entrySet().stream().filter(system -> systemProperties.containsKey(system.getValue()))
                .sorted(Map.Entry.comparingByValue())
                .forEach(system -> pairs.put(system.getKey(), systemProperties.get(system.getValue())));
        Optional.ofNullable(systemProperties.get(MessageProperty.ACK)).ifPresent(ack -> pairs.put(ACK, ack));
        pairs.putAll(applicationProperties);
        return pairs.entrySet().stream().filter(pair -> !pair.getValue().isEmpty())
                .map(pair -> encoded(pair.getKey()) + "=" + encoded(pair.getValue()))
                .collect(Collectors.joining("&"));
    }

    /** The bag as a device puts it at the end of its telemetry topic: system properties first, each name and value percent-encoded. */
    public String encode() {
        StringJoiner bag = new StringJoiner("&");
        systemProperties.forEach((property, value) -> SYSTEM.forEach((name, named) -> {
            if (named == property) {
                bag.add(name + "=" + encoded(value));
            }
        }));
        applicationProperties.forEach((name, value) -> bag.add(encoded(name) + "=" + encoded(value)));
        return bag.toString();
    }

    private static String encoded(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
