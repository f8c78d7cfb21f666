package dev.dpsrig.emulator.device;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A cloud-to-device message as the device received it, locked for it until it completes, rejects or
 * abandons it with {@code lockToken} (the answer's ETag without its quotes).
 *
 * @param headers the answer's {@code iothub-*}, {@code ContentType} and {@code ContentEncoding} headers
 */
public record CloudMessage(byte[] body, String lockToken, int deliveryCount, Map<String, String> properties, Map<String, String> headers) {

    public CloudMessage {
        body = body.clone();
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
