package dev.dpsrig.simulator.store;

import dev.dpsrig.protocol.RegistrationIds;
import dev.dpsrig.simulator.dps.CaCertificate;
import dev.dpsrig.simulator.dps.DpsStore;
import dev.dpsrig.simulator.dps.EnrollmentGroup;
import dev.dpsrig.simulator.dps.HubDevice;
import dev.dpsrig.simulator.dps.IndividualEnrollment;
import dev.dpsrig.simulator.dps.Registration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The DPS's records as documents of a {@link StateStore}, one kind per sort of record, each in its
 * {@link StoredForms stored form}, so that a stored file reads like an answer of the service API.
 * Enrollments, groups and registrations are keyed by their id in canonical form and CA certificates by
 * their name in lower case, as DPS compares them; hub devices by their case-sensitive device id.
 */
public final class DpsDocuments implements DpsStore {
    public static final String ENROLLMENTS = "enrollments";
    public static final String GROUPS = "enrollmentGroups";
    public static final String CERTIFICATES = "certificates";
    public static final String REGISTRATIONS = "registrations";

    private final StateStore store;

    public DpsDocuments(StateStore store) {
        this.store = store;
    }

    /** The kind that holds the device identities of the hub of that name. */
    public static String hubDevicesKind(String hubName) {
        return "hubs/" + hubName + "/devices";
    }

    @Override
    public List<IndividualEnrollment> enrollments() {
        return store.loadAll(ENROLLMENTS).values().stream().map(StoredForms::enrollment).toList();
    }

    @Override
    public List<EnrollmentGroup> groups() {
        return store.loadAll(GROUPS).values().stream().map(StoredForms::group).toList();
    }

    @Override
    public List<CaCertificate> caCertificates() {
        return store.loadAll(CERTIFICATES).values().stream().map(StoredForms::caCertificate).toList();
    }

    @Override
    public List<Registration> registrations() {
        return store.loadAll(REGISTRATIONS).values().stream().map(StoredForms::registration).toList();
    }

    @Override
    public Map<String, HubDevice> hubDevices(String hubName) {
        Map<String, HubDevice> devices = new HashMap<>();
        store.loadAll(hubDevicesKind(hubName)).values().forEach(json -> {
            HubDevice device = StoredForms.hubDevice(json);
            devices.put(device.deviceId(), device);
        });
        return devices;
    }

    @Override
    public void put(IndividualEnrollment enrollment) {
        store.put(ENROLLMENTS, key(enrollment.registrationId()), () -> StoredForms.toStored(enrollment));
    }

    @Override
    public void deleteEnrollment(String registrationId) {
        store.delete(ENROLLMENTS, key(registrationId));
    }

    @Override
    public void put(EnrollmentGroup group) {
        store.put(GROUPS, key(group.enrollmentGroupId()), () -> StoredForms.toStored(group));
    }

    @Override
    public void deleteGroup(String groupId) {
        store.delete(GROUPS, key(groupId));
    }

    @Override
    public void put(CaCertificate certificate) {
        store.put(CERTIFICATES, certificate.name().toLowerCase(Locale.ROOT), () -> StoredForms.toStored(certificate));
    }

    @Override
    public void deleteCaCertificate(String name) {
        store.delete(CERTIFICATES, name.toLowerCase(Locale.ROOT));
    }

    @Override
    public void put(Registration registration) {
        store.put(REGISTRATIONS, key(registration.registrationId()), () -> StoredForms.toStored(registration));
    }

    @Override
    public void deleteRegistration(String registrationId) {
        store.delete(REGISTRATIONS, key(registrationId));
    }

    @Override
    public void put(String hubName, HubDevice device) {
        store.put(hubDevicesKind(hubName), device.deviceId(), () -> StoredForms.toStored(device));
    }

    private static String key(String id) {
        return RegistrationIds.canonical(id);
    }
}
