package dev.dpsrig.simulator.dps;

import dev.dpsrig.protocol.RegistrationIds;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Everything the simulated DPS knows, in memory and written through to a {@link DpsStore}.
 * Ids are compared case-insensitively, as DPS does; groups keep their creation order because the
 * first matching group wins.
 */
final class DpsState {
    private final DpsStore store;
    private final Map<String, IndividualEnrollment> enrollments = new ConcurrentSkipListMap<>();
    private final Map<String, EnrollmentGroup> groups = new ConcurrentHashMap<>();
    private final Map<String, CaCertificate> certificates = new ConcurrentSkipListMap<>();
    private final Map<String, Registration> registrations = new ConcurrentSkipListMap<>();
    private final List<Registration> interrupted = new ArrayList<>();

    DpsState(DpsStore store) {
        this.store = store;
        store.enrollments().forEach(e -> enrollments.put(key(e.registrationId()), e));
        store.groups().forEach(g -> groups.put(key(g.enrollmentGroupId()), g));
        store.caCertificates().forEach(ca -> certificates.put(ca.name().toLowerCase(Locale.ROOT), ca));
        store.registrations().forEach(r -> {
            registrations.put(key(r.registrationId()), r);
            if (r.state() instanceof Registration.Assigning) {
                interrupted.add(r);
            }
        });
    }

    /**
     * The registrations found {@code assigning} when the state was loaded, each with the operation that
     * was in flight when the previous process stopped, if one was kept; handed out once.
     */
    synchronized List<Registration> takeInterrupted() {
        List<Registration> taken = List.copyOf(interrupted);
        interrupted.clear();
        return taken;
    }

    static String key(String id) {
        return RegistrationIds.canonical(id);
    }

    Optional<IndividualEnrollment> enrollment(String registrationId) {
        return Optional.ofNullable(enrollments.get(key(registrationId)));
    }

    List<IndividualEnrollment> enrollments() {
        return List.copyOf(enrollments.values());
    }

    void put(IndividualEnrollment enrollment) {
        store.put(enrollment);
        enrollments.put(key(enrollment.registrationId()), enrollment);
    }

    void deleteEnrollment(String registrationId) {
        store.deleteEnrollment(registrationId);
        enrollments.remove(key(registrationId));
    }

    Optional<EnrollmentGroup> group(String groupId) {
        return Optional.ofNullable(groups.get(key(groupId)));
    }

    /** In creation order: when several groups match a device, the oldest wins. */
    List<EnrollmentGroup> groups() {
        List<EnrollmentGroup> ordered = new ArrayList<>(groups.values());
        ordered.sort(Comparator.comparing((EnrollmentGroup g) -> g.revision().created())
                .thenComparing(EnrollmentGroup::enrollmentGroupId));
        return ordered;
    }

    void put(EnrollmentGroup group) {
        store.put(group);
        groups.put(key(group.enrollmentGroupId()), group);
    }

    void deleteGroup(String groupId) {
        store.deleteGroup(groupId);
        groups.remove(key(groupId));
    }

    Optional<CaCertificate> caCertificate(String name) {
        return Optional.ofNullable(certificates.get(name.toLowerCase(Locale.ROOT)));
    }

    List<CaCertificate> caCertificates() {
        return List.copyOf(certificates.values());
    }

    List<X509Certificate> verifiedCaCertificates() {
        return certificates.values().stream().filter(CaCertificate::verified).map(CaCertificate::certificate).toList();
    }

    void put(CaCertificate ca) {
        store.put(ca);
        certificates.put(ca.name().toLowerCase(Locale.ROOT), ca);
    }

    void deleteCaCertificate(String name) {
        store.deleteCaCertificate(name);
        certificates.remove(name.toLowerCase(Locale.ROOT));
    }

    Optional<Registration> registration(String registrationId) {
        return Optional.ofNullable(registrations.get(key(registrationId)));
    }

    List<Registration> registrations() {
        return List.copyOf(registrations.values());
    }

    /** A registration being assigned is stored with the operation that is to complete it. */
    void put(Registration registration) {
        store.put(registration);
        registrations.put(key(registration.registrationId()), registration);
    }

    void deleteRegistration(String registrationId) {
        store.deleteRegistration(registrationId);
        registrations.remove(key(registrationId));
    }
}
