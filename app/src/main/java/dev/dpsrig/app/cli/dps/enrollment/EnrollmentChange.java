package dev.dpsrig.app.cli.dps.enrollment;

import dev.dpsrig.protocol.service.AttestationMechanism;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What {@code enrollment update} and {@code enrollment-group update} may change, as {@code az}'s update commands take it:
 * the settings, the keys, certificates or CA names and their removal, and the etag the write is conditional on. Each
 * option not given leaves what is stored.
 */
public final class EnrollmentChange {
    @Mixin
    private EnrollmentSettings settings;

    @Mixin
    private AttestationOptions attestation;

    @Mixin
    private CertificateRemovalOptions removal;

    @Option(names = "--etag", paramLabel = "ETAG",
            description = "Update only if the enrollment still has this etag (default: the one read; '*': whatever it has).")
    private Optional<String> etag = Optional.empty();

    /** The stored settings with the options given applied. */
    public dev.dpsrig.protocol.service.EnrollmentSettings settings(dev.dpsrig.protocol.service.EnrollmentSettings current) {
        return settings.applyTo(current);
    }

    /** An individual enrollment's attestation (with its keys) with the options given applied. */
    public AttestationMechanism enrollmentAttestation(AttestationMechanism current) {
        return attestation.forUpdate(current, removal);
    }

    /** An enrollment group's attestation (with its keys) with the options given applied. */
    public AttestationMechanism groupAttestation(AttestationMechanism current) {
        return attestation.forGroupUpdate(current, removal);
    }

    /** The etag to write with: {@code --etag}, else the one read, so that a change made in between is refused. */
    public Optional<String> ifMatch(Optional<String> read) {
        return etag.or(() -> read);
    }
}
