package dev.dpsrig.simulator.dps;

import java.util.List;
import java.util.Map;

/**
 * Where the DPS keeps what must survive a restart: enrollments, groups, CA certificates, registrations
 * (one being assigned together with the operation that is to complete it) and the device identities of
 * each linked hub. Ids are the DPS's own; how they are keyed and in what form the records are written is
 * the implementation's business. Reads happen once, when the simulator starts; every change is written
 * through before it is acted on.
 */
public interface DpsStore {

    List<IndividualEnrollment> enrollments();

    List<EnrollmentGroup> groups();

    List<CaCertificate> caCertificates();

    /** Each with its operation when stored {@code assigning}, if one was kept and can be read. */
    List<Registration> registrations();

    /** The device identities of the hub of that name, by device id. */
    Map<String, HubDevice> hubDevices(String hubName);

    void put(IndividualEnrollment enrollment);

    void deleteEnrollment(String registrationId);

    void put(EnrollmentGroup group);

    void deleteGroup(String groupId);

    void put(CaCertificate certificate);

    void deleteCaCertificate(String name);

    void put(Registration registration);

    void deleteRegistration(String registrationId);

    void put(String hubName, HubDevice device);

    /** Keeps nothing: a simulator that starts empty every time. */
    static DpsStore none() {
        return new DpsStore() {
            @Override
            public List<IndividualEnrollment> enrollments() {
                return List.of();
            }

            @Override
            public List<EnrollmentGroup> groups() {
                return List.of();
            }

            @Override
            public List<CaCertificate> caCertificates() {
                return List.of();
            }

            @Override
            public List<Registration> registrations() {
                return List.of();
            }

            @Override
            public Map<String, HubDevice> hubDevices(String hubName) {
                return Map.of();
            }

            @Override
            public void put(IndividualEnrollment enrollment) {
            }

            @Override
            public void deleteEnrollment(String registrationId) {
            }

            @Override
            public void put(EnrollmentGroup group) {
            }

            @Override
            public void deleteGroup(String groupId) {
            }

            @Override
            public void put(CaCertificate certificate) {
            }

            @Override
            public void deleteCaCertificate(String name) {
            }

            @Override
            public void put(Registration registration) {
            }

            @Override
            public void deleteRegistration(String registrationId) {
            }

            @Override
            public void put(String hubName, HubDevice device) {
            }
        };
    }
}
