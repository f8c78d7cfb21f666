package dev.dpsrig.simulator.mqtt.dps;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The user name of a device's CONNECT to DPS: {@code {idScope}/registrations/{registrationId}/api-version=...}, to which
 * SDKs append {@code &ClientVersion=...} (the Java SDK its API version a second time); all after the registration id
 * is taken as it comes.
 */
record DpsUsername(String idScope, String registrationId, String apiVersion) {
    private static final Pattern FORM = Pattern.compile("([^/]+)/registrations/([^/]+)/(.*)", Pattern.CASE_INSENSITIVE);
    private static final Pattern API_VERSION = Pattern.compile("(?:^|&)api-version=([^&]*)", Pattern.CASE_INSENSITIVE);

    static final String EXPECTED = "{idScope}/registrations/{registrationId}/api-version=...";

    static Optional<DpsUsername> parse(String username) {
        Matcher matcher = FORM.matcher(username);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        Matcher version = API_VERSION.matcher(matcher.group(3));
        if (!version.find()) {
            return Optional.empty();
        }
        return Optional.of(new DpsUsername(matcher.group(1), matcher.group(2), version.group(1)));
    }
}
