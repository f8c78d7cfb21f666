package dev.dpsrig.simulator.dps;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The simulated Device Provisioning Service, free of HTTP and of JSON: the device runtime operations
 * (register, operation lookup, registration status lookup) and the service operations
 * (enrollments, groups, registration states, CA certificates), in domain values. The edges read the
 * APIs' JSON into those values: the HTTP adapter, and for tests, steps and benchmarks in process,
 * {@code InProcessDps}; each request is one call here.
 *
 * <p>This is the one object the edges hold; each part of the service is its own class behind it:
 * {@link Registrar} (the device runtime API and the operations it starts, with {@link Reprovisioning}
 * deciding where a device that registers again goes), {@link Enrollments}, {@link RegistrationStates},
 * {@link CaCertificates}, and {@link OperationRecovery}, which on start ends every operation the
 * previous process left in flight as it would have ended.
 */
public final class ProvisioningService implements AutoCloseable {
    private final String idScope;
    private final LinkedHubs hubs;
    private final Registrar registrar;
    private final Enrollments enrollments;
    private final RegistrationStates registrations;
    private final CaCertificates caCertificates;
    private final StatusJournal journal = new StatusJournal();

    public ProvisioningService(String idScope, List<Hub> linkedHubs, DpsStore store, Clock clock,
                               Duration assignmentDelay, AllocationWebhook webhook) {
        this(idScope, linkedHubs, load(store, linkedHubs.stream().map(Hub::name).toList()), clock, assignmentDelay, webhook);
    }

    /** A service over what {@link #load} read; operations that were in flight resume here. */
    public ProvisioningService(String idScope, List<Hub> linkedHubs, Stored stored, Clock clock,
                               Duration assignmentDelay, AllocationWebhook webhook) {
        this.idScope = idScope;
        DpsState state = stored.state;
        this.hubs = new LinkedHubs(linkedHubs, stored.store, stored.devicesByHub);
        this.registrar = new Registrar(idScope, clock, assignmentDelay, state, hubs, new Allocator(linkedHubs, webhook), journal);
        this.enrollments = new Enrollments(state, clock);
        this.registrations = new RegistrationStates(state, enrollments, journal);
        this.caCertificates = new CaCertificates(state, clock);
        new OperationRecovery(state, hubs, registrar, clock).resumeInterrupted();
    }

    /**
     * Everything the DPS and its hubs' registries have stored, read in full: what takes time when a
     * populated data directory is opened, done before the simulator listens (the hubs' addresses, which
     * the service needs, are only known once it does).
     */
    public static final class Stored {
        private final DpsStore store;
        private final DpsState state;
        private final Map<String, Map<String, HubDevice>> devicesByHub = new LinkedHashMap<>();

        private Stored(DpsStore store) {
            this.store = store;
            this.state = new DpsState(store);
        }
    }

    /** Reads the stored state of the DPS and of the registries of the hubs named. */
    public static Stored load(DpsStore store, List<String> hubNames) {
        Stored stored = new Stored(store);
        hubNames.forEach(name -> stored.devicesByHub.put(name, store.hubDevices(name)));
        return stored;
    }

    public String idScope() {
        return idScope;
    }

    /** Seconds a device should wait before polling: the {@code Retry-After} of a 202. */
    public int retryAfterSeconds() {
        return registrar.retryAfterSeconds();
    }

    // ---- device runtime API: see Registrar -------------------------------------------------

    public OperationStatus register(String scope, String registrationId, DeviceCredentials credentials,
                                    Optional<RawJson> payload) {
        return register(scope, registrationId, credentials, payload, Optional.empty());
    }

    /**
     * Register, with an override that decides how it ends: {@link OutcomeOverride.Fail} makes the
     * operation end {@code failed} (once the device has proven who it is);
     * {@link OutcomeOverride.HoldAssigning} keeps it {@code assigning} for that many lookups.
     */
    public OperationStatus register(String scope, String registrationId, DeviceCredentials credentials,
                                    Optional<RawJson> payload, Optional<OutcomeOverride> override) {
        return register(scope, registrationId, credentials, () -> payload, override);
    }

    /**
     * Register, reading the request's payload only once the device has proven who it is, so that an
     * unauthenticated caller never gets its body read.
     */
    public OperationStatus register(String scope, String registrationId, DeviceCredentials credentials,
                                    Supplier<Optional<RawJson>> body, Optional<OutcomeOverride> override) {
        return registrar.register(scope, registrationId, credentials, body, override);
    }

    public OperationStatus lookupOperation(String scope, String registrationId, String operationId,
                                           DeviceCredentials credentials) {
        return registrar.lookupOperation(scope, registrationId, operationId, credentials);
    }

    public Registration registrationStatus(String scope, String registrationId, DeviceCredentials credentials) {
        return registrar.registrationStatus(scope, registrationId, credentials);
    }

    // ---- service API: see Enrollments, RegistrationStates, CaCertificates -------------------

    public IndividualEnrollment enrollment(String registrationId) {
        return enrollments.enrollment(registrationId);
    }

    public List<IndividualEnrollment> enrollments() {
        return enrollments.enrollments();
    }

    /**
     * Creates or replaces an individual enrollment; a symmetric key the caller leaves out is generated.
     *
     * @param body the enrollment as the caller writes it; read once the id and the precondition hold,
     *             so that a request with several faults is refused for the one DPS checks first
     */
    public IndividualEnrollment putEnrollment(String registrationId, Supplier<IndividualEnrollment.Draft> body,
                                              Optional<String> ifMatch) {
        return enrollments.putEnrollment(registrationId, body, ifMatch);
    }

    public void deleteEnrollment(String registrationId, Optional<String> ifMatch) {
        enrollments.deleteEnrollment(registrationId, ifMatch);
    }

    public EnrollmentGroup group(String groupId) {
        return enrollments.group(groupId);
    }

    public List<EnrollmentGroup> groups() {
        return enrollments.groups();
    }

    /** Creates or replaces an enrollment group; {@code body} is read as in {@link #putEnrollment}. */
    public EnrollmentGroup putGroup(String groupId, Supplier<EnrollmentGroup.Draft> body, Optional<String> ifMatch) {
        return enrollments.putGroup(groupId, body, ifMatch);
    }

    public void deleteGroup(String groupId, Optional<String> ifMatch) {
        enrollments.deleteGroup(groupId, ifMatch);
    }

    /**
     * The service API's bulk operation over up to ten enrollments: {@code create} (fails for an existing
     * one), {@code update}, {@code updateIfMatchETag} (each item's etag must match) or {@code delete}.
     * Items are applied independently; the failures are returned.
     */
    public List<BulkError> bulkEnrollments(String mode, List<BulkItem<IndividualEnrollment.Draft>> items) {
        return enrollments.bulkEnrollments(mode, items);
    }

    /** The bulk operation over up to ten enrollment groups, as {@link #bulkEnrollments} over enrollments. */
    public List<BulkError> bulkGroups(String mode, List<BulkItem<EnrollmentGroup.Draft>> items) {
        return enrollments.bulkGroups(mode, items);
    }

    public Registration registration(String registrationId) {
        return registrations.registration(registrationId);
    }

    public List<Registration> registrations() {
        return registrations.registrations();
    }

    public List<Registration> registrationsOfGroup(String groupId) {
        return registrations.ofGroup(groupId);
    }

    public void deleteRegistration(String registrationId, Optional<String> ifMatch) {
        registrations.delete(registrationId, ifMatch);
    }

    /** The statuses this service answered each registration id with, in order. */
    public StatusJournal journal() {
        return journal;
    }

    public CaCertificate caCertificate(String name) {
        return caCertificates.caCertificate(name);
    }

    public List<CaCertificate> caCertificates() {
        return caCertificates.caCertificates();
    }

    /** Upload (or replace) a CA certificate, verified at once when {@code verified} says so. */
    public CaCertificate putCaCertificate(String name, X509Certificate certificate, boolean verified, Optional<String> ifMatch) {
        return caCertificates.put(name, certificate, verified, ifMatch);
    }

    public CaCertificate generateVerificationCode(String name, Optional<String> ifMatch) {
        return caCertificates.generateVerificationCode(name, ifMatch);
    }

    /** Proof of possession: a certificate with CN = the verification code, signed by the CA's key. */
    public CaCertificate verifyCaCertificate(String name, X509Certificate proof, Optional<String> ifMatch) {
        return caCertificates.verify(name, proof, ifMatch);
    }

    public void deleteCaCertificate(String name, Optional<String> ifMatch) {
        caCertificates.delete(name, ifMatch);
    }

    // ---- hubs ------------------------------------------------------------------------------

    public List<HubRegistry> hubs() {
        return hubs.all();
    }

    public Optional<HubRegistry> hub(String nameOrHostName) {
        return hubs.byNameOrHostName(nameOrHostName);
    }

    @Override
    public void close() {
        registrar.close();
    }
}
