package dev.dpsrig.simulator.http;

import dev.dpsrig.protocol.service.BulkEnrollmentOperation;
import dev.dpsrig.protocol.service.BulkEnrollmentOperationResult;
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
import dev.dpsrig.simulator.json.EnrollmentJson;
import dev.dpsrig.simulator.json.ServiceJson;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * The simulated DPS as tests, steps and benchmarks drive it in process: its device and service APIs,
 * with enrollments, groups and payloads given as the JSON bodies the HTTP APIs take, read by the same
 * code (into {@code protocol.service}'s records, by {@link EnrollmentJson}), so that what works here
 * works over HTTPS. The routes of the HTTP APIs
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
        return dps.putEnrollment(registrationId, () -> EnrollmentJson.enrollmentDraft(registrationId, body), ifMatch);
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
        return dps.putGroup(groupId, () -> EnrollmentJson.groupDraft(groupId, body), ifMatch);
    }

    public void deleteGroup(String groupId, Optional<String> ifMatch) {
        dps.deleteGroup(groupId, ifMatch);
    }

    /**
     * The service API's bulk operation over up to ten enrollments or groups (see
     * {@link ProvisioningService#bulkEnrollments}); each item's body is read only when the mode writes it.
     */
    public BulkEnrollmentOperationResult bulk(BulkEnrollmentOperation operation) {
        List<BulkError> errors = switch (operation.target()) {
            case ENROLLMENTS -> dps.bulkEnrollments(operation.mode(), items(operation, EnrollmentJson::enrollmentDraft));
            case ENROLLMENT_GROUPS -> dps.bulkGroups(operation.mode(), items(operation, EnrollmentJson::groupDraft));
        };
        return new BulkEnrollmentOperationResult(operation.target(), errors.stream()
                .map(error -> new BulkEnrollmentOperationResult.Error(error.id(), error.errorCode(), error.errorStatus())).toList());
    }

    private static <T> List<BulkItem<T>> items(BulkEnrollmentOperation operation, BiFunction<String, JsonObject, T> draft) {
        return operation.items().stream()
                .map(item -> new BulkItem<>(item.id(), item.etag(), () -> draft.apply(item.id(), item.body()))).toList();
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
