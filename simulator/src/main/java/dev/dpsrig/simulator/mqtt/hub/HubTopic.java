package dev.dpsrig.simulator.mqtt.hub;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The topics of IoT Hub's device API over MQTT that the simulated hub serves: telemetry a device publishes
 * ({@code devices/{device id}/messages/events/{property bag}}), the cloud-to-device messages the hub publishes
 * ({@code devices/{device id}/messages/devicebound/{property bag}}) and the topic filters a device may subscribe to.
 */
final class HubTopic {
    static final String TELEMETRY = "devices/{device id}/messages/events/{property bag}";
    private static final Pattern EVENTS = Pattern.compile("devices/([^/]+)(?:/modules/([^/]+))?/messages/events(?:/([^/]*))?");

    /**
     * The twin and direct-method filters the device SDKs subscribe to on their own: granted, for an SDK takes a refused
     * subscription as a failed connection, though nothing is published on them.
     */
    private static final Set<String> TWIN_AND_METHODS = Set.of(
            "$iothub/twin/res/#", "$iothub/twin/PATCH/properties/desired/#", "$iothub/methods/POST/#");

    private HubTopic() {
    }

    /** A telemetry PUBLISH: the device (and module) its topic names, and its property bag, still URL-encoded. */
    record Telemetry(String deviceId, Optional<String> moduleId, String propertyBag) {
    }

    /** The telemetry a topic names; empty for any other topic. */
    static Optional<Telemetry> telemetry(String topic) {
        Matcher matcher = EVENTS.matcher(topic);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(new Telemetry(matcher.group(1), Optional.ofNullable(matcher.group(2)),
                Optional.ofNullable(matcher.group(3)).orElse("")));
    }

    /**
     * Whether device {@code deviceId} may subscribe to {@code filter}: its cloud-to-device messages, named by its id or
     * by {@code +} (as the embedded C SDK does), and the twin and method filters.
     */
    static boolean served(String filter, String deviceId) {
        return deviceBound(filter, deviceId) || TWIN_AND_METHODS.contains(filter);
    }

    /** Whether {@code filter} is one of the cloud-to-device filters of device {@code deviceId}. */
    static boolean deviceBound(String filter, String deviceId) {
        return filter.equals("devices/" + deviceId + "/messages/devicebound/#") || filter.equals("devices/+/messages/devicebound/#");
    }

    /** The topic a cloud-to-device message reaches device {@code deviceId} on, its property bag already encoded. */
    static String deviceBoundTopic(String deviceId, String propertyBag) {
        return "devices/" + deviceId + "/messages/devicebound/" + propertyBag;
    }
}
