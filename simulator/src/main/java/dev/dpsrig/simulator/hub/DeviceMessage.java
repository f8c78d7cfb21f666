package dev.dpsrig.simulator.hub;

import dev.dpsrig.protocol.MessageProperty;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A device-to-cloud message as a simulated hub accepted it.
 *
 * @param sequenceNumber   per hub, from 1, in the order messages were accepted
 * @param moduleId         present when the device sent it as a module
 * @param properties       application properties; in the order sent for batch entries (HTTP headers carry no order)
 * @param systemProperties system properties the device set, keyed by {@link MessageProperty}
 * @param authMethod       how the hub authenticated the sender: {@code sas}, {@code selfSigned} or {@code certificateAuthority}
 */
public record DeviceMessage(
        long sequenceNumber,
        String hub,
        String deviceId,
        Optional<String> moduleId,
        byte[] body,
        Map<String, String> properties,
        Map<MessageProperty, String> systemProperties,
        String authMethod,
        Instant enqueuedTime) {

    public DeviceMessage {
        body = body.clone();
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        systemProperties = Map.copyOf(systemProperties);
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The body decoded as UTF-8, which is what nearly every device sends. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public Optional<String> systemProperty(MessageProperty property) {
        return Optional.ofNullable(systemProperties.get(property));
    }

    public int bodySize() {
        return body.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DeviceMessage that && sequenceNumber == that.sequenceNumber && hub.equals(that.hub)
                && deviceId.equals(that.deviceId) && moduleId.equals(that.moduleId) && Arrays.equals(body, that.body)
                && properties.equals(that.properties) && systemProperties.equals(that.systemProperties)
                && authMethod.equals(that.authMethod) && enqueuedTime.equals(that.enqueuedTime);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(sequenceNumber) * 31 + hub.hashCode();
    }

    @Override
    public String toString() {
        return "DeviceMessage[#" + sequenceNumber + " " + hub + "/" + deviceId + moduleId.map(m -> "/" + m).orElse("")
                + ", " + body.length + " bytes, properties " + properties + ", system " + systemProperties + "]";
    }
}
