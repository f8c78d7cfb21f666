package dev.dpsrig.features.steps;

import dev.dpsrig.protocol.SasToken;
import dev.dpsrig.protocol.SymmetricKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The SAS tokens a scenario's devices present, over HTTPS as the {@code Authorization} header and over MQTT as the
 * CONNECT's password: the token a correct device makes with its enrollment key, or one of the ways tokens go wrong
 * in the field (see {@link RawAuthorization}).
 */
public final class DeviceTokens {
    private final ScenarioTarget target;
    private final Credentials credentials;

    public DeviceTokens(ScenarioTarget target, Credentials credentials) {
        this.target = target;
        this.credentials = credentials;
    }

    /** DPS as the device of this scenario name registers with it. */
    SasAudience.Dps dps(String name) {
        return new SasAudience.Dps(target.dpsEndpoint(), target.id(name));
    }

    /** The token device {@code name} presents to {@code audience}, made as {@code how} says; empty for none. */
    Optional<String> token(String name, SasAudience audience, RawAuthorization how) {
        Instant valid = Instant.now().plus(Duration.ofHours(1));
        return switch (how) {
            case RawAuthorization.None none -> Optional.empty();
            case RawAuthorization.Valid ok -> Optional.of(sign(audience.tokenResource(), credentials.key(name), valid, audience));
            case RawAuthorization.Expired expired -> Optional.of(sign(audience.tokenResource(), credentials.key(name),
                    Instant.now().minus(Duration.ofHours(1)), audience));
            case RawAuthorization.ForeignKey foreign -> Optional.of(sign(audience.tokenResource(), SymmetricKeys.generate(), valid, audience));
            case RawAuthorization.ForRegistration other -> Optional.of(sign(dps(other.otherName()).tokenResource(), credentials.key(name),
                    valid, audience));
            case RawAuthorization.DpsScoped scoped -> Optional.of(sign(dps(name).tokenResource(), credentials.key(name), valid, dps(name)));
            case RawAuthorization.Tampered tampered -> {
                SasToken token = SasToken.sign(audience.tokenResource(), credentials.key(name), valid, audience.tokenPolicy());
                // Another valid base64 character in front: same length, wrong signature.
                String signature = token.signature();
                String altered = (signature.charAt(0) == 'A' ? "B" : "A") + signature.substring(1);
                yield Optional.of(new SasToken(token.resourceUri(), altered, token.expiry(), token.keyName()).toAuthorizationHeader());
            }
        };
    }

    private static String sign(String resource, String key, Instant expiresAt, SasAudience audience) {
        return SasToken.sign(resource, key, expiresAt, audience.tokenPolicy()).toAuthorizationHeader();
    }
}
