package dev.dpsrig.simulator.dps;

import java.util.Optional;

/** One device's enrollment: its registration id, credentials and policy. */
public record IndividualEnrollment(
        String registrationId,
        Optional<String> deviceId,
        Attestation attestation,
        EnrollmentPolicy policy,
        Revision revision) {

    public IndividualEnrollment {
        if (attestation instanceof Attestation.X509CaReferences) {
            throw new IllegalArgumentException("an individual enrollment holds client certificates, not CA references");
        }
    }
}
