package dev.dpsrig.protocol;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * DPS registration ids (and enrollment group ids): up to 128 letters, digits and {@code - . _ :},
 * the last one a letter, digit or dash; compared case-insensitively.
 */
public final class RegistrationIds {
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:-]{0,127}[A-Za-z0-9-]");

    private RegistrationIds() {
    }

    /** Empty when valid; otherwise why not, for a 400 answer. */
    public static Optional<String> problemWith(String registrationId) {
        if (registrationId.isEmpty()) {
            return Optional.of("registration id is empty");
        }
        if (registrationId.length() > 128) {
            return Optional.of("registration id is longer than 128 characters");
        }
        if (!VALID.matcher(registrationId).matches()) {
            return Optional.of("registration id '" + registrationId
                    + "' may hold only letters, digits and - . _ : and must end in a letter, digit or -");
        }
        return Optional.empty();
    }

    /** The form registration ids are stored and compared in. */
    public static String canonical(String registrationId) {
        return registrationId.toLowerCase(Locale.ROOT);
    }
}
