package dev.dpsrig.simulator.dps;

import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * A device whose credentials checked out, and the enrollment that vouches for it.
 *
 * @param registrationId  as the device sent it
 * @param hubAuthentication what the assigned hub will need to authenticate the device
 * @param certificate     the presented leaf, for X.509 devices
 */
public record EnrollmentMatch(
        String registrationId,
        Enrollment enrollment,
        HubDevice.HubAuthentication hubAuthentication,
        Optional<X509Certificate> certificate) {

    /** The individual enrollment or group behind a device. */
    public sealed interface Enrollment {
        EnrollmentPolicy policy();

        String attestationType();

        record Individual(IndividualEnrollment enrollment) implements Enrollment {
            @Override
            public EnrollmentPolicy policy() {
                return enrollment.policy();
            }

            @Override
            public String attestationType() {
                return enrollment.attestation().type();
            }
        }

        record Group(EnrollmentGroup group) implements Enrollment {
            @Override
            public EnrollmentPolicy policy() {
                return group.policy();
            }

            @Override
            public String attestationType() {
                return group.attestation().type();
            }
        }
    }

    /** The hub device id: an individual enrollment's preset one, else the registration id. */
    public String deviceId() {
        if (enrollment instanceof Enrollment.Individual individual) {
            return individual.enrollment().deviceId().orElse(registrationId);
        }
        return registrationId;
    }

    public Optional<String> enrollmentGroupId() {
        return enrollment instanceof Enrollment.Group group ? Optional.of(group.group().enrollmentGroupId()) : Optional.empty();
    }
}
