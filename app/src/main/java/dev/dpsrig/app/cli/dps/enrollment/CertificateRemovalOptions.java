package dev.dpsrig.app.cli.dps.enrollment;

import picocli.CommandLine.Option;

/**
 * {@code az}'s {@code --remove-certificate} and {@code --remove-secondary-certificate} of an update: an X.509
 * individual enrollment or enrollment group drops its primary or secondary certificate (or CA certificate name), unless
 * the same command gives a new one for that place. A secondary left in place becomes the primary when the primary is removed, as a rollover ends.
 */
public final class CertificateRemovalOptions {
    @Option(names = "--remove-certificate", arity = "0..1", fallbackValue = "true", paramLabel = "true|false",
            description = "x509: remove the primary certificate or CA name; the secondary, if kept, becomes the primary.")
    private boolean primary;

    @Option(names = "--remove-secondary-certificate", arity = "0..1", fallbackValue = "true", paramLabel = "true|false",
            description = "x509: remove the secondary certificate or CA name.")
    private boolean secondary;

    boolean primary() {
        return primary;
    }

    boolean secondary() {
        return secondary;
    }

    boolean any() {
        return primary || secondary;
    }
}
