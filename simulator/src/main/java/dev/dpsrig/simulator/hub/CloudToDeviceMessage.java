package dev.dpsrig.simulator.hub;

import dev.dpsrig.protocol.MessageProperty;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A cloud-to-device message waiting in, or delivered from, a device's queue.
 *
 * @param systemProperties what the sender set: message id, correlation id, user id, ack, content type and encoding
 * @param expiresAt        when the hub drops it undelivered (its time to live ran out)
 */
public record CloudToDeviceMessage(
        long sequenceNumber,
        String deviceId,
        byte[] body,
        Map<String, String> properties,
        Map<MessageProperty, String> systemProperties,
        Instant enqueuedTime,
        Instant expiresAt) {

    public CloudToDeviceMessage {
        body = body.clone();
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        systemProperties = Map.copyOf(systemProperties);
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CloudToDeviceMessage that && sequenceNumber == that.sequenceNumber && deviceId.equals(that.deviceId);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(sequenceNumber) * 31 + deviceId.hashCode();
    }

    @Override
    public String toString() {
        return "CloudToDeviceMessage[#" + sequenceNumber + " to " + deviceId + ", " + body.length + " bytes, properties "
                + properties + ", system " + systemProperties + ", expires " + expiresAt + "]";
    }
}
