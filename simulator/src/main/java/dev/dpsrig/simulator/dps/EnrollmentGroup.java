package dev.dpsrig.simulator.dps;

/** An enrollment for every device that proves membership: a derived key, or a chain through the group's CA. */
public record EnrollmentGroup(String enrollmentGroupId, Attestation attestation, EnrollmentPolicy policy, Revision revision) {
}
