package dev.dpsrig.simulator.hub;

import dev.dpsrig.protocol.MessageProperty;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A message as a device sent it, before the hub accepts it: what one HTTP request (or one entry
 * of a batch) carried.
 */
public record IncomingMessage(byte[] body, Map<String, String> properties, Map<MessageProperty, String> systemProperties) {
    /** IoT Hub's limit for one message and for one batch: 256 KB. */
    public static final int MAX_SIZE = 256 * 1024;

    public IncomingMessage {
        body = body.clone();
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        systemProperties = Map.copyOf(systemProperties);
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** What IoT Hub counts against the limit: body, system property values, application property names and values. */
    public int size() {
        int size = body.length;
        for (String value : systemProperties.values()) {
            size += value.length();
        }
        for (Map.Entry<String, String> property : properties.entrySet()) {
            size += property.getKey().length() + property.getValue().length();
        }
        return size;
    }
}
