package dev.dpsrig.simulator.http;

import dev.dpsrig.simulator.dps.BulkError;
import dev.dpsrig.simulator.dps.BulkItem;
import dev.dpsrig.simulator.dps.CaCertificate;
import dev.dpsrig.simulator.dps.DeviceCredentials;
import dev.dpsrig.simulator.dps.EnrollmentGroup;
import dev.dpsrig.simulator.dps.HubRegistry;
import dev.dpsrig.simulator.dps.IndividualEnrollment;
import dev.dpsrig.simulator.dps.OperationStatus;
import dev.dpsrig.simulator.dps.OutcomeOverride;
import dev.dpsrig.simulator.dps.ProvisioningService;
import dev.dpsrig.simulator.dps.Registration;
import dev.dpsrig.simulator.dps.StatusJournal;
import dev.dpsrig.simulator.json.ServiceJson;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The simulated DPS as tests, steps and benchmarks drive it in process: its device and service APIs,
 * with enrollments, groups and payloads given as the JSON bodies the HTTP APIs take, read by the same
 * code ({@link ServiceJson}), so that what works here works over HTTPS. The routes of the HTTP APIs
 * call it too. Everything else passes straight to the {@link ProvisioningService} it fronts.
 */
public final class InProcessDps implements AutoCloseable {
    private final ProvisioningService dps;

    public InProcessDps(ProvisioningService dps) {
        this.dps = dps;
    }

    public String idScope() {
        return dps.idScope();
    }

    /** Seconds a device should wait before polling: the {@code Retry-After} of a 202. */
    public int retryAfterSeconds() {
        return dps.retryAfterSeconds();
    }

    // ---- device runtime API ----------------------------------------------------------------

    public OperationStatus register(String scope, String registrationId, DeviceCredentials credentials,
                                    Optional<JsonValue> payload) {
        return register(scope, registrationId, credentials, payload, Optional.empty());
    }

    /**
     * Register, with an override that decides how it ends: {@link OutcomeOverride.Fail} makes the
     * operation end {@code failed} (once the device has proven who it is);
     * {@link OutcomeOverride.HoldAssigning} keeps it {@code assigning} for that many lookups.
     */
    public OperationStatus register(String scope, String registrationId, DeviceCredentials credentials,
                                    Optional<JsonValue> payload, Optional<OutcomeOverride> override) {
        return register(scope, registrationId, credentials, () -> payload, override);
    }

    /**
     * Register, reading the request's payload only once the device has proven who it is, so that an
     * unauthenticated caller never gets its body read.
     */
    public OperationStatus register(String scope, String registrationId, DeviceCredentials credentials,
                                    Supplier<Optional<JsonValue>> body, Optional<OutcomeOverride> override) {
        return dps.register(scope, registrationId, credentials, () -> body.get().map(ServiceJson::raw), override);
    }

    public OperationStatus lookupOperation(String scope, String registrationId, String operationId,
                                           DeviceCredentials credentials) {
        return dps.lookupOperation(scope, registrationId, operationId, credentials);
    }

    public Registration registrationStatus(String scope, String registrationId, DeviceCredentials credentials) {
        return dps.registrationStatus(scope, registrationId, credentials);
    }

    // ---- service API -----------------------------------------------------------------------

    public IndividualEnrollment enrollment(String registrationId) {
        return dps.enrollment(registrationId);
    }

    public List<IndividualEnrollment> enrollments() {
        return dps.enrollments();
    }

    /** Creates or replaces an individual enrollment from its PUT body; keys left out are generated. */
    public IndividualEnrollment putEnrollment(String registrationId, JsonObject body, Optional<String> ifMatch) {
        return dps.putEnrollment(registrationId, () -> ServiceJson.enrollmentDraft(registrationId, body), ifMatch);
    }

    public void deleteEnrollment(String registrationId, Optional<String> ifMatch) {
        dps.deleteEnrollment(registrationId, ifMatch);
    }

    public EnrollmentGroup group(String groupId) {
        return dps.group(groupId);
    }

    public List<EnrollmentGroup> groups() {
        return dps.groups();
    }

    /** Creates or replaces an enrollment group from its PUT body; keys left out are generated. */
    public EnrollmentGroup putGroup(String groupId, JsonObject body, Optional<String> ifMatch) {
        return dps.putGroup(groupId, () -> ServiceJson.groupDraft(groupId, body), ifMatch);
    }

    public void deleteGroup(String groupId, Optional<String> ifMatch) {
        dps.deleteGroup(groupId, ifMatch);
    }

    /**
     * The service API's bulk operation over up to ten enrollments or groups (see
     * {@link ProvisioningService#bulkEnrollments}); an item's {@code etag}, when it is a string, is the
     * one {@code updateIfMatchETag} checks.
     *
     * @param items id and body of each item
     */
    public List<BulkError> bulk(boolean groups, String mode, List<Map.Entry<String, JsonObject>> items) {
        if (groups) {
            return dps.bulkGroups(mode, items.stream().map(item -> new BulkItem<>(item.getKey(), etag(item.getValue()),
                    () -> ServiceJson.groupDraft(item.getKey(), item.getValue()))).toList());
        }
        return dps.bulkEnrollments(mode, items.stream().map(item -> new BulkItem<>(item.getKey(), etag(item.getValue()),
                () -> ServiceJson.enrollmentDraft(item.getKey(), item.getValue()))).toList());
    }

    private static Optional<String> etag(JsonObject body) {
        return Optional.ofNullable(body.get("etag")).filter(JsonString.class::isInstance).map(v -> ((JsonString) v).getString());
    }

    public Registration registration(String registrationId) {
        return dps.registration(registrationId);
    }

    public List<Registration> registrations() {
        return dps.registrations();
    }

    public List<Registration> registrationsOfGroup(String groupId) {
        return dps.registrationsOfGroup(groupId);
    }

    public void deleteRegistration(String registrationId, Optional<String> ifMatch) {
        dps.deleteRegistration(registrationId, ifMatch);
    }

    /** The statuses this service answered each registration id with, in order. */
    public StatusJournal journal() {
        return dps.journal();
    }

    public CaCertificate caCertificate(String name) {
        return dps.caCertificate(name);
    }

    public List<CaCertificate> caCertificates() {
        return dps.caCertificates();
    }

    /** Upload (or replace) a CA certificate, verified at once when {@code verified} says so. */
    public CaCertificate putCaCertificate(String name, X509Certificate certificate, boolean verified, Optional<String> ifMatch) {
        return dps.putCaCertificate(name, certificate, verified, ifMatch);
    }

    public CaCertificate generateVerificationCode(String name, Optional<String> ifMatch) {
        return dps.generateVerificationCode(name, ifMatch);
    }

    /** Proof of possession: a certificate with CN = the verification code, signed by the CA's key. */
    public CaCertificate verifyCaCertificate(String name, X509Certificate proof, Optional<String> ifMatch) {
        return dps.verifyCaCertificate(name, proof, ifMatch);
    }

    public void deleteCaCertificate(String name, Optional<String> ifMatch) {
        dps.deleteCaCertificate(name, ifMatch);
    }

    // ---- hubs ------------------------------------------------------------------------------

    public List<HubRegistry> hubs() {
        return dps.hubs();
    }

    public Optional<HubRegistry> hub(String nameOrHostName) {
        return dps.hub(nameOrHostName);
    }

    @Override
    public void close() {
        dps.close();
    }
}
