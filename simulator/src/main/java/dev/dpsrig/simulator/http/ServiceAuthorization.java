package dev.dpsrig.simulator.http;

import dev.dpsrig.protocol.DpsException;
import dev.dpsrig.protocol.SasToken;
import dev.dpsrig.protocol.SasTokenException;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.time.Clock;
import java.util.Locale;

/**
 * The service API's access check: a SAS token for the DPS host, signed with the shared access
 * policy's key and naming that policy in {@code skn}, as the service SDKs and {@code az} send it.
 * The simulator's admin API takes the same form of token, signed with the admin key.
 */
public final class ServiceAuthorization {
    private final String policyName;
    private final String key;
    private final String keyName;
    private final String hostName;
    private final Clock clock;

    public ServiceAuthorization(String policyName, String key, String hostName, Clock clock) {
        this(policyName, key, "the key of policy '" + policyName + "'", hostName, clock);
    }

    /** @param keyName what the key is, for the message when a signature does not match it */
    public ServiceAuthorization(String policyName, String key, String keyName, String hostName, Clock clock) {
        this.policyName = policyName;
        this.key = key;
        this.keyName = keyName;
        this.hostName = hostName.toLowerCase(Locale.ROOT);
        this.clock = clock;
    }

    public void check(ServerRequest request) {
        String header = request.headers().first(HeaderNames.AUTHORIZATION).orElseThrow(() -> DpsException.unauthorized(
                "the service API needs an Authorization header with a SAS token for policy '" + policyName + "'"));
        SasToken token;
        try {
            token = SasToken.parse(header);
        } catch (SasTokenException e) {
            throw DpsException.unauthorized(e.getMessage());
        }
        if (!token.keyName().filter(policyName::equals).isPresent()) {
            throw DpsException.unauthorized("SAS token skn must be the policy '" + policyName + "'");
        }
        String audience = token.decodedResourceUri().toLowerCase(Locale.ROOT);
        String audienceHost = audience.contains("/") ? audience.substring(0, audience.indexOf('/')) : audience;
        if (!withoutPort(audienceHost).equals(withoutPort(hostName))) {
            throw DpsException.unauthorized("SAS token is for '" + token.decodedResourceUri() + "', not this DPS '" + hostName + "'");
        }
        if (clock.instant().isAfter(token.expiresAt())) {
            throw DpsException.unauthorized("SAS token expired at " + token.expiresAt());
        }
        if (!token.isSignedWith(key)) {
            throw DpsException.unauthorized("SAS signature does not match " + keyName);
        }
    }

    private static String withoutPort(String host) {
        int colon = host.lastIndexOf(':');
        return colon > 0 && host.substring(colon + 1).chars().allMatch(Character::isDigit) ? host.substring(0, colon) : host;
    }
}
