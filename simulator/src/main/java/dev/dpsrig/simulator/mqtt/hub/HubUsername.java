package dev.dpsrig.simulator.mqtt.hub;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an IoT hub device's MQTT user name says: {@code {hub host}/{device id}[/{module id}]/?api-version=...}, the
 * query going on with {@code &DeviceClientType=...} and {@code &model-id=...} as the SDK pleases.
 *
 * @param hubHost the host the device addressed, with its port when it gave one
 */
record HubUsername(String hubHost, String deviceId, Optional<String> moduleId, String apiVersion) {
    static final String EXPECTED = "{hub host}/{device id}/?api-version={version}";
    private static final Pattern FORM = Pattern.compile("([^/]+)/([^/?]+)(?:/([^/?]+))?/\\?(?:.*&)?api-version=([^&]+)(?:&.*)?");

    static Optional<HubUsername> parse(String username) {
        Matcher matcher = FORM.matcher(username);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(new HubUsername(matcher.group(1), matcher.group(2), Optional.ofNullable(matcher.group(3)), matcher.group(4)));
    }
}
