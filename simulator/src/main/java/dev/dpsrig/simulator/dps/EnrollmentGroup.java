package dev.dpsrig.simulator.dps;

/** An enrollment for every device that proves membership: a derived key, or a chain through the group's CA. */
public record EnrollmentGroup(String enrollmentGroupId, Attestation attestation, EnrollmentPolicy policy, Revision revision) {

    /** An enrollment group as a service API caller writes it: all but its id, which the path gives, and its revision. */
    public record Draft(AttestationDraft attestation, EnrollmentPolicy policy) {

        /** The group this makes at that revision, any symmetric key left out generated. */
        public EnrollmentGroup complete(String groupId, Revision revision) {
            return new EnrollmentGroup(groupId, attestation.complete(), policy, revision);
        }
    }
}
