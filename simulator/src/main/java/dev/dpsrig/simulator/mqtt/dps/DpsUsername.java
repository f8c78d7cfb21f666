package dev.dpsrig.simulator.mqtt.dps;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The user name of a device's CONNECT to DPS: {@code {idScope}/registrations/{registrationId}/api-version=...}, to which
 * SDKs append {@code &ClientVersion=...} (the Java SDK its API version a second time); all after the registration id
 * is taken as it comes.
 */
record DpsUsername(String idScope, String registrationId) {
    private static final Pattern FORM = Pattern.compile("([^/]+)/registrations/([^/]+)/(.*)", Pattern.CASE_INSENSITIVE);

    static final String EXPECTED = "{idScope}/registrations/{registrationId}/api-version=...";

    static Optional<DpsUsername> parse(String username) {
        Matcher matcher = FORM.matcher(username);
        if (!matcher.matches() || !matcher.group(3).toLowerCase(Locale.ROOT).contains("api-version=")) {
            return Optional.empty();
        }
        return Optional.of(new DpsUsername(matcher.group(1), matcher.group(2)));
    }
}
