package dev.dpsrig.emulator.device;

import dev.dpsrig.protocol.MessageProperty;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** A device-to-cloud message: body, application properties, and system properties (message id, content type ...). */
public record Telemetry(byte[] body, Map<String, String> properties, Map<MessageProperty, String> systemProperties) {

    public Telemetry {
        body = body.clone();
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        systemProperties = Map.copyOf(systemProperties);
    }

    /** A UTF-8 text body, e.g. the walkthroughs' {@code {"temperature": 30}}. */
    public static Telemetry text(String body) {
        return new Telemetry(body.getBytes(StandardCharsets.UTF_8), Map.of(), Map.of());
    }

    public Telemetry withProperty(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(properties);
        more.put(name, value);
        return new Telemetry(body, more, systemProperties);
    }

    public Telemetry with(MessageProperty property, String value) {
        Map<MessageProperty, String> more = new EnumMap<>(MessageProperty.class);
        more.putAll(systemProperties);
        more.put(property, value);
        return new Telemetry(body, properties, more);
    }

    @Override
    public byte[] body() {
        return body.clone();
    }
}
