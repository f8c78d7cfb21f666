package dev.dpsrig.certs.cli;

import dev.dpsrig.certs.HeldCertificate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Checks on option values shared by the certs commands, reported as usage errors. */
final class Options {
    private Options() {
    }

    /** The last instant an X.509 GeneralizedTime can express. */
    private static final Instant LAST_EXPRESSIBLE = Instant.parse("9999-12-31T23:59:59Z");

    static Duration days(CommandSpec spec, int days) {
        if (days < 1) {
            throw new ParameterException(spec.commandLine(), "--days must be at least 1, not " + days);
        }
        Duration validity = Duration.ofDays(days);
        if (Instant.now().plus(validity).isAfter(LAST_EXPRESSIBLE)) {
            throw new ParameterException(spec.commandLine(),
                    "--days " + days + " reaches past 9999-12-31, the last date a certificate can carry");
        }
        return validity;
    }

    /** Valid for {@code validity} from now, or from {@code --not-before} when given (a past date makes an expired certificate). */
    static HeldCertificate.Builder validity(CommandSpec spec, HeldCertificate.Builder builder, Duration validity, String notBefore) {
        if (notBefore == null) {
            return builder.validFor(validity);
        }
        Instant from = instant(spec, "--not-before", notBefore);
        return builder.validity(from, from.plus(validity));
    }

    /** A date ({@code 2025-01-31}, midnight UTC) or an instant ({@code 2025-01-31T12:00:00Z}). */
    static Instant instant(CommandSpec spec, String option, String value) {
        try {
            return value.contains("T") ? Instant.parse(value) : LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new ParameterException(spec.commandLine(),
                    option + " wants a date like 2025-01-31 or an instant like 2025-01-31T12:00:00Z, not '" + value + "'");
        }
    }

    /** A device name becomes a file name under the CA folder: it may not leave that folder or take the CA's own files. */
    static void checkDeviceName(CommandSpec spec, String name) {
        if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.equals(".") || name.equals("..")) {
            throw new ParameterException(spec.commandLine(),
                    "device name '" + name + "' cannot be a file name: no slashes, not . or ..");
        }
        if (CaDirectory.isReserved(name)) {
            throw new ParameterException(spec.commandLine(),
                    "device name '" + name + "' is the name of the CA's own files; choose another");
        }
    }

    /**
     * DPS registration ids: letters, digits and {@code - . _ :}, ending in a letter, digit or dash;
     * a certificate CN is at most 64 characters. A name outside that is allowed (negative tests
     * need one) but earns a warning.
     */
    static void warnIfNotRegistrationId(CommandSpec spec, String name) {
        boolean valid = name.length() <= 64 && name.matches("[A-Za-z0-9._:-]*[A-Za-z0-9-]");
        if (!valid) {
            spec.commandLine().getErr().println("warning: '" + name + "' is not a valid DPS registration id"
                    + " (letters, digits and - . _ : only, ending in a letter, digit or -, at most 64 characters in a CN);"
                    + " DPS will refuse this device");
        }
    }
}
