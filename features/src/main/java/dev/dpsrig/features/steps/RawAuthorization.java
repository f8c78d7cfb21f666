package dev.dpsrig.features.steps;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code Authorization} a raw request carries, or the password of an MQTT CONNECT, as a scenario words it: none,
 * a valid token of the device, or one of the ways tokens go wrong in the field.
 */
sealed interface RawAuthorization {
    /** No Authorization header at all. */
    record None() implements RawAuthorization {
    }

    /** The token a correct device would send to this endpoint. */
    record Valid() implements RawAuthorization {
    }

    /** A valid token whose signature was altered on the way. */
    record Tampered() implements RawAuthorization {
    }

    /** A correctly signed token that expired an hour ago. */
    record Expired() implements RawAuthorization {
    }

    /** Signed with the device's key, but its {@code sr} names another registration id. */
    record ForRegistration(String otherName) implements RawAuthorization {
    }

    /** The device's DPS token, sent where a hub token belongs. */
    record DpsScoped() implements RawAuthorization {
    }

    /** Signed with a key nobody enrolled. */
    record ForeignKey() implements RawAuthorization {
    }

    Pattern FOR_REGISTRATION = Pattern.compile("token for registration \"([^\"]+)\"");

    static RawAuthorization parse(String words) {
        Matcher other = FOR_REGISTRATION.matcher(words.strip());
        if (other.matches()) {
            return new ForRegistration(other.group(1));
        }
        return switch (words.strip()) {
            case "none" -> new None();
            case "valid token" -> new Valid();
            case "tampered token" -> new Tampered();
            case "expired token" -> new Expired();
            case "DPS token" -> new DpsScoped();
            case "token signed with a key of its own making" -> new ForeignKey();
            default -> throw new IllegalArgumentException("authorization '" + words + "' is not one of: none, valid token, tampered token,"
                    + " expired token, token for registration \"<name>\", DPS token, token signed with a key of its own making");
        };
    }
}
