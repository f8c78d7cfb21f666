package dev.dpsrig.simulator.dps;

import java.util.Optional;

/** One device's enrollment: its registration id, credentials and policy. */
public record IndividualEnrollment(
        String registrationId,
        Optional<String> deviceId,
        Attestation attestation,
        EnrollmentPolicy policy,
        Revision revision) {

    /** An individual enrollment as a service API caller writes it: all but its id, which the path gives, and its revision. */
    public record Draft(Optional<String> deviceId, AttestationDraft attestation, EnrollmentPolicy policy) {

        /** The enrollment this makes at that revision, any symmetric key left out generated. */
        public IndividualEnrollment complete(String registrationId, Revision revision) {
            return new IndividualEnrollment(registrationId, deviceId, attestation.complete(), policy, revision);
        }
    }
}
