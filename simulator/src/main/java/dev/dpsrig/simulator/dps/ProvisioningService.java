package dev.dpsrig.simulator.dps;

import dev.dpsrig.certs.Certificates;
import dev.dpsrig.protocol.DpsErrorCode;
import dev.dpsrig.protocol.DpsException;
import dev.dpsrig.protocol.RegistrationIds;
import dev.dpsrig.protocol.RegistrationStatus;
import dev.dpsrig.protocol.Substatus;
import dev.dpsrig.simulator.fault.Fault;
import dev.dpsrig.simulator.store.StateStore;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The simulated Device Provisioning Service, free of HTTP: the device runtime operations
 * (register, operation lookup, registration status lookup) and the service operations
 * (enrollments, groups, registration states, CA certificates). The HTTP adapter turns each
 * request into one call here; tests and the Cucumber world call it directly.
 *
 * <p>A register call decides its outcome at once (credentials, enrollment, allocation) and makes
 * it the registration's state after the assignment delay; until then the device sees
 * {@code assigning}. The outcome is applied by a timer, and at the latest by the first lookup
 * that finds it due, so a device that never polls still ends up registered.
 *
 * <p><b>A restart ends every operation that was in flight as it would have ended.</b> The
 * {@code assigning} registration is stored, before the device gets its 202, together with its
 * operation: the id, when it is due, and the decided outcome with the hub device it creates. On
 * start, each registration found {@code assigning} gets its operation back: it completes when it is
 * due (at once if that time passed while the simulator was down), the outcome decided at register
 * time is applied, and a device still polling with its operation id gets that outcome. Applying an
 * outcome writes the hub device before the registration, so a stop between the two leaves the
 * registration {@code assigning} and the next start applies it again. What cannot end that way
 * ends {@code failed}, with a registration state a device or operator can read:
 * <ul>
 *   <li>{@code errorCode} 400208 ({@link DpsErrorCode#NO_HUB}) when the hub the outcome assigns to is
 *       no longer linked at that address (hubs renamed, or listening on other ports than before);</li>
 *   <li>{@code errorCode} 500001 ({@link DpsErrorCode#INTERNAL_ERROR}) when no operation was kept with
 *       the registration (a data directory from before operations were kept) or the one kept is
 *       damaged.</li>
 * </ul>
 * A device that registers again is allocated afresh in both cases. A fault plan's keep-assigning
 * polls are not kept: a restarted operation completes when due.
 */
public final class ProvisioningService implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * How long an operation id can be looked up after its outcome is due. Devices poll within
     * seconds; forgetting old operations keeps a long-running simulator's memory flat under a fleet.
     */
    private static final Duration OPERATION_LIFETIME = Duration.ofHours(1);

    private final String idScope;
    private final Clock clock;
    private final Duration assignmentDelay;
    private final DpsState state;
    private final Attestor attestor;
    private final Allocator allocator;
    private final Map<String, HubRegistry> hubs = new LinkedHashMap<>();
    private final Map<String, Operation> operations = new ConcurrentHashMap<>();
    private final Map<String, Operation> pending = new ConcurrentHashMap<>();
    private final StatusJournal journal = new StatusJournal();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("dps-assignment").factory());

    public ProvisioningService(String idScope, List<Hub> linkedHubs, StateStore store, Clock clock,
                               Duration assignmentDelay, AllocationWebhook webhook) {
        this(idScope, linkedHubs, load(store, linkedHubs.stream().map(Hub::name).toList()), clock, assignmentDelay, webhook);
    }

    /** A service over what {@link #load} read; operations that were in flight resume here. */
    public ProvisioningService(String idScope, List<Hub> linkedHubs, Stored stored, Clock clock,
                               Duration assignmentDelay, AllocationWebhook webhook) {
        this.idScope = idScope;
        this.clock = clock;
        this.assignmentDelay = assignmentDelay;
        this.state = stored.state;
        this.attestor = new Attestor(state, idScope, clock);
        this.allocator = new Allocator(linkedHubs, webhook);
        for (Hub hub : linkedHubs) {
            Map<String, HubDevice> devices = stored.devicesByHub.get(hub.name());
            hubs.put(hub.hostName().toLowerCase(java.util.Locale.ROOT), devices == null
                    ? new HubRegistry(hub, stored.store) : new HubRegistry(hub, stored.store, devices));
        }
        state.takeInterrupted().forEach(this::resume);
    }

    /**
     * Everything the DPS and its hubs' registries have stored, read in full: what takes time when a
     * populated data directory is opened, done before the simulator listens (the hubs' addresses, which
     * the service needs, are only known once it does).
     */
    public static final class Stored {
        private final StateStore store;
        private final DpsState state;
        private final Map<String, Map<String, HubDevice>> devicesByHub = new LinkedHashMap<>();

        private Stored(StateStore store) {
            this.store = store;
            this.state = new DpsState(store);
        }
    }

    /** Reads the stored state of the DPS and of the registries of the hubs named. */
    public static Stored load(StateStore store, List<String> hubNames) {
        Stored stored = new Stored(store);
        hubNames.forEach(name -> stored.devicesByHub.put(name, HubRegistry.loadDevices(store, name)));
        return stored;
    }

    /** An operation that was in flight when the previous process stopped; see the class comment. */
    private void resume(DpsState.Interrupted interrupted) {
        Registration assigning = interrupted.registration();
        if (interrupted.operation().isEmpty()) {
            state.put(failed(assigning, DpsErrorCode.INTERNAL_ERROR, "the simulator stopped while assigning '"
                    + assigning.registrationId() + "' and kept no outcome for it; register again",
                    new Revision(assigning.revision().etag(), assigning.revision().created(), clock.instant())));
            return;
        }
        Operation operation = interrupted.operation().get();
        Optional<String> gone = operation.outcome().hubAssignment().map(Operation.HubAssignment::hubHostName)
                .filter(hub -> !isLinked(hub));
        if (gone.isPresent()) {
            Registration outcome = failed(operation.outcome().registration(), DpsErrorCode.NO_HUB,
                    "the simulator restarted while assigning '" + assigning.registrationId() + "' to hub " + gone.get()
                            + ", which is no longer linked; register again", operation.outcome().registration().revision());
            operation = new Operation(operation.operationId(), operation.registrationId(), operation.readyAt(),
                    new Operation.Outcome(outcome, Optional.empty()), new AtomicInteger());
        }
        track(operation, Duration.between(clock.instant(), operation.readyAt()));
    }

    private static Registration failed(Registration registration, DpsErrorCode code, String message, Revision revision) {
        return new Registration(registration.registrationId(), registration.deviceId(), RegistrationStatus.FAILED,
                Optional.empty(), Optional.empty(), Optional.of(code.code()), Optional.of(message),
                registration.attestationType(), registration.enrollmentGroupId(), registration.certificate(), Optional.empty(),
                registration.firstAssignedHub(), revision);
    }

    /** Makes an operation known to lookups and schedules its completion and its forgetting. */
    private void track(Operation operation, Duration untilDue) {
        operations.put(operation.operationId(), operation);
        pending.put(operation.operationId(), operation);
        long dueMillis = Math.max(0, untilDue.toMillis());
        if (operation.heldPolls().get() == 0) {
            timer.schedule(() -> complete(operation), dueMillis, TimeUnit.MILLISECONDS);
        }
        timer.schedule(() -> operations.remove(operation.operationId()),
                dueMillis + OPERATION_LIFETIME.toMillis(), TimeUnit.MILLISECONDS);
    }

    public String idScope() {
        return idScope;
    }

    /** Seconds a device should wait before polling: the {@code Retry-After} of a 202. */
    public int retryAfterSeconds() {
        return (int) Math.max(1, (assignmentDelay.toMillis() + 999) / 1000);
    }

    // ---- device runtime API ----------------------------------------------------------------

    public OperationStatus register(String scope, String registrationId, DeviceCredentials credentials,
                                    Optional<JsonValue> payload) {
        return register(scope, registrationId, credentials, payload, Optional.empty());
    }

    /**
     * Register, with a fault from the plan that decides how it ends: {@link Fault.AssignmentFailed}
     * makes the operation end {@code failed} (once the device has proven who it is);
     * {@link Fault.KeepAssigning} keeps it {@code assigning} for that many lookups.
     */
    public OperationStatus register(String scope, String registrationId, DeviceCredentials credentials,
                                    Optional<JsonValue> payload, Optional<Fault> fault) {
        return register(scope, registrationId, credentials, () -> payload, fault);
    }

    /**
     * Register, reading the request's payload only once the device has proven who it is, so that an
     * unauthenticated caller never gets its body read.
     */
    public OperationStatus register(String scope, String registrationId, DeviceCredentials credentials,
                                    Supplier<Optional<JsonValue>> body, Optional<Fault> fault) {
        checkScopeAndId(scope, registrationId);
        EnrollmentMatch match = attestor.attest(registrationId, credentials);
        Optional<JsonValue> payload = body.get();
        if (timer.isShutdown()) {
            throw stopping();
        }
        Instant now = clock.instant();
        Optional<Registration> previous = state.registration(registrationId);
        Revision revision = previous.map(r -> r.revision().next(now)).orElseGet(() -> Revision.first(now));
        Operation.Outcome decided = fault.filter(Fault.AssignmentFailed.class::isInstance)
                .map(Fault.AssignmentFailed.class::cast)
                .map(failed -> failedOutcome(match, previous, revision, failed))
                .orElseGet(() -> decide(match, previous, payload, revision));
        int heldPolls = fault.filter(Fault.KeepAssigning.class::isInstance).map(f -> ((Fault.KeepAssigning) f).polls()).orElse(0);
        Registration outcome = decided.registration();
        Registration assigning = new Registration(registrationId, outcome.deviceId(), RegistrationStatus.ASSIGNING,
                Optional.empty(), previous.flatMap(Registration::assignedHub), Optional.empty(), Optional.empty(),
                outcome.attestationType(), outcome.enrollmentGroupId(), outcome.certificate(), Optional.empty(),
                previous.flatMap(Registration::firstAssignedHub), revision);
        Operation operation = new Operation(newOperationId(), registrationId, now.plus(assignmentDelay), decided,
                new AtomicInteger(heldPolls));
        state.put(assigning, operation);
        try {
            track(operation, assignmentDelay);
        } catch (RejectedExecutionException closing) {
            throw stopping();
        }
        journal.answered(registrationId, RegistrationStatus.ASSIGNING);
        return new OperationStatus(operation.operationId(), RegistrationStatus.ASSIGNING, Optional.empty());
    }

    /**
     * A register that reached DPS as the simulator closed: stopping interrupts a request a delay fault
     * held, which then finds the assignment timer gone. Not a bug, so not a 500.
     */
    private static DpsException stopping() {
        return new DpsException(DpsErrorCode.SERVICE_UNAVAILABLE, "the simulator is stopping; retry once it is back");
    }

    public OperationStatus lookupOperation(String scope, String registrationId, String operationId,
                                           DeviceCredentials credentials) {
        checkScopeAndId(scope, registrationId);
        attestor.attest(registrationId, credentials);
        Operation operation = operations.get(operationId);
        if (operation == null || !operation.registrationId().equalsIgnoreCase(registrationId)) {
            throw DpsException.notFound("no operation '" + operationId + "' for registration '" + registrationId + "'");
        }
        if (operation.holdsThisLookup() || clock.instant().isBefore(operation.readyAt())) {
            journal.answered(registrationId, RegistrationStatus.ASSIGNING);
            return new OperationStatus(operationId, RegistrationStatus.ASSIGNING, Optional.empty());
        }
        complete(operation);
        Registration outcome = operation.outcome().registration();
        journal.answered(registrationId, outcome.status());
        return new OperationStatus(operationId, outcome.status(), Optional.of(outcome));
    }

    public Registration registrationStatus(String scope, String registrationId, DeviceCredentials credentials) {
        checkScopeAndId(scope, registrationId);
        attestor.attest(registrationId, credentials);
        return state.registration(registrationId).orElseThrow(() -> DpsException.notFound(
                "'" + registrationId + "' has not registered"));
    }

    private void checkScopeAndId(String scope, String registrationId) {
        if (!idScope.equalsIgnoreCase(scope)) {
            throw DpsException.notFound("unknown ID scope '" + scope + "'; this DPS has ID scope '" + idScope + "'");
        }
        RegistrationIds.problemWith(registrationId).ifPresent(problem -> {
            throw DpsException.badRequest(problem);
        });
    }

    private static Operation.Outcome failedOutcome(EnrollmentMatch match, Optional<Registration> previous, Revision revision,
                                                  Fault.AssignmentFailed failed) {
        return new Operation.Outcome(new Registration(match.registrationId(), match.deviceId(), RegistrationStatus.FAILED,
                Optional.empty(), Optional.empty(), Optional.of(failed.errorCode()), Optional.of(failed.errorMessage()),
                match.enrollment().attestationType(), match.enrollmentGroupId(), match.certificate(), Optional.empty(),
                previous.flatMap(Registration::firstAssignedHub), revision), Optional.empty());
    }

    private Operation.Outcome decide(EnrollmentMatch match, Optional<Registration> previous, Optional<JsonValue> payload,
                                     Revision revision) {
        String type = match.enrollment().attestationType();
        if (!match.enrollment().policy().enabled()) {
            String which = match.enrollmentGroupId().map(g -> "enrollment group '" + g + "'")
                    .orElse("the enrollment of '" + match.registrationId() + "'");
            return new Operation.Outcome(new Registration(match.registrationId(), match.deviceId(), RegistrationStatus.DISABLED,
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(which + " is disabled"), type,
                    match.enrollmentGroupId(), match.certificate(), Optional.empty(),
                    previous.flatMap(Registration::firstAssignedHub), revision), Optional.empty());
        }
        Allocator.Decision decision = allocator.allocate(match, previous, payload);
        if (decision instanceof Allocator.Decision.Failed failed) {
            return new Operation.Outcome(new Registration(match.registrationId(), match.deviceId(), RegistrationStatus.FAILED,
                    Optional.empty(), Optional.empty(), Optional.of(failed.errorCode()), Optional.of(failed.message()), type,
                    match.enrollmentGroupId(), match.certificate(), Optional.empty(),
                    previous.flatMap(Registration::firstAssignedHub), revision), Optional.empty());
        }
        Allocator.Decision.Assigned assigned = (Allocator.Decision.Assigned) decision;
        // A hub address from an earlier run may no longer be linked (ports are picked anew, hubs renamed):
        // such a device is allocated afresh rather than sent to an address nothing listens on.
        Optional<String> current = previous.filter(r -> r.status() == RegistrationStatus.ASSIGNED)
                .flatMap(Registration::assignedHub).filter(this::isLinked);
        String hub = assigned.hub().hostName();
        Substatus substatus = Substatus.INITIAL_ASSIGNMENT;
        if (current.isPresent()) {
            var policy = match.enrollment().policy().reprovisionPolicy();
            Substatus before = previous.flatMap(Registration::substatus).orElse(Substatus.INITIAL_ASSIGNMENT);
            if (!policy.updateHubAssignment() || current.get().equalsIgnoreCase(hub)) {
                hub = current.get();
                substatus = before;
            } else if (previous.flatMap(Registration::firstAssignedHub).filter(this::isLinked).filter(hub::equalsIgnoreCase).isPresent()) {
                substatus = Substatus.REPROVISIONED_TO_INITIAL_ASSIGNMENT;
            } else {
                substatus = policy.migrateDeviceData() ? Substatus.DEVICE_DATA_MIGRATED : Substatus.DEVICE_DATA_RESET;
            }
        }
        Optional<String> firstHub = previous.flatMap(Registration::firstAssignedHub).filter(this::isLinked)
                .or(() -> Optional.of(assigned.hub().hostName()));
        return new Operation.Outcome(new Registration(match.registrationId(), match.deviceId(), RegistrationStatus.ASSIGNED,
                Optional.of(substatus), Optional.of(hub), Optional.empty(), Optional.empty(), type, match.enrollmentGroupId(),
                match.certificate(), assigned.payload(), firstHub, revision),
                Optional.of(new Operation.HubAssignment(hub, match.deviceId(), match.registrationId(), match.hubAuthentication(),
                        match.enrollment().policy().iotEdge(), assigned.initialTwin())));
    }

    /**
     * Makes the decided outcome the registration's state; safe to call more than once and from the
     * timer and a lookup at the same time: whoever comes second waits until the first has written
     * the registration and the hub device, so a device that sees {@code assigned} can use its hub.
     */
    private void complete(Operation operation) {
        synchronized (operation) {
            if (pending.remove(operation.operationId()) != null) {
                apply(operation);
            }
        }
    }

    private boolean isLinked(String hubHostName) {
        return hubs.containsKey(hubHostName.toLowerCase(java.util.Locale.ROOT));
    }

    private void apply(Operation operation) {
        Registration outcome = operation.outcome().registration();
        Registration latest = state.registration(operation.registrationId()).orElse(outcome);
        if (!latest.revision().etag().equals(outcome.revision().etag())) {
            return; // a newer register call owns the registration now
        }
        Instant now = clock.instant();
        // The hub device first: stopped between the two writes, the registration is still assigning,
        // with its operation, and the next start applies the outcome again.
        operation.outcome().hubAssignment().ifPresent(assignment -> {
            HubRegistry registry = hubs.get(assignment.hubHostName().toLowerCase(java.util.Locale.ROOT));
            if (registry == null) {
                throw new IllegalStateException("hub " + assignment.hubHostName() + " is not linked to this DPS");
            }
            Optional<HubDevice> existing = registry.device(assignment.deviceId());
            registry.put(new HubDevice(assignment.deviceId(), assignment.registrationId(), assignment.authentication(), true,
                    assignment.iotEdge(), assignment.initialTwin(),
                    existing.map(d -> d.revision().next(now)).orElseGet(() -> Revision.first(now))));
        });
        state.put(new Registration(outcome.registrationId(), outcome.deviceId(), outcome.status(), outcome.substatus(),
                outcome.assignedHub(), outcome.errorCode(), outcome.errorMessage(), outcome.attestationType(),
                outcome.enrollmentGroupId(), outcome.certificate(), outcome.payload(), outcome.firstAssignedHub(),
                new Revision(outcome.revision().etag(), outcome.revision().created(), now)));
    }

    private static String newOperationId() {
        byte[] shard = new byte[8];
        RANDOM.nextBytes(shard);
        return "5." + HexFormat.of().formatHex(shard) + "." + UUID.randomUUID();
    }

    // ---- service API: enrollments ----------------------------------------------------------

    public IndividualEnrollment enrollment(String registrationId) {
        return state.enrollment(registrationId).orElseThrow(() -> DpsException.notFound(
                "no individual enrollment '" + registrationId + "'"));
    }

    public List<IndividualEnrollment> enrollments() {
        return state.enrollments();
    }

    public synchronized IndividualEnrollment putEnrollment(String registrationId, JsonObject body, Optional<String> ifMatch) {
        RegistrationIds.problemWith(registrationId).ifPresent(problem -> {
            throw DpsException.badRequest(problem);
        });
        Optional<IndividualEnrollment> existing = state.enrollment(registrationId);
        checkIfMatch(existing.map(e -> e.revision().etag()), ifMatch, "individual enrollment '" + registrationId + "'");
        Instant now = clock.instant();
        IndividualEnrollment enrollment = ServiceJson.enrollment(registrationId, body,
                existing.map(e -> e.revision().next(now)).orElseGet(() -> Revision.first(now)));
        state.put(enrollment);
        return enrollment;
    }

    public synchronized void deleteEnrollment(String registrationId, Optional<String> ifMatch) {
        IndividualEnrollment existing = enrollment(registrationId);
        checkIfMatch(Optional.of(existing.revision().etag()), ifMatch, "individual enrollment '" + registrationId + "'");
        state.deleteEnrollment(registrationId);
    }

    public EnrollmentGroup group(String groupId) {
        return state.group(groupId).orElseThrow(() -> DpsException.notFound("no enrollment group '" + groupId + "'"));
    }

    public List<EnrollmentGroup> groups() {
        return state.groups();
    }

    public synchronized EnrollmentGroup putGroup(String groupId, JsonObject body, Optional<String> ifMatch) {
        RegistrationIds.problemWith(groupId).ifPresent(problem -> {
            throw DpsException.badRequest(problem.replace("registration id", "enrollment group id"));
        });
        Optional<EnrollmentGroup> existing = state.group(groupId);
        checkIfMatch(existing.map(g -> g.revision().etag()), ifMatch, "enrollment group '" + groupId + "'");
        Instant now = clock.instant();
        EnrollmentGroup group = ServiceJson.group(groupId, body,
                existing.map(g -> g.revision().next(now)).orElseGet(() -> Revision.first(now)));
        state.put(group);
        return group;
    }

    public synchronized void deleteGroup(String groupId, Optional<String> ifMatch) {
        EnrollmentGroup existing = group(groupId);
        checkIfMatch(Optional.of(existing.revision().etag()), ifMatch, "enrollment group '" + groupId + "'");
        state.deleteGroup(groupId);
    }

    /** One item of a bulk operation that did not go through. */
    public record BulkError(String id, int errorCode, String errorStatus) {
    }

    /**
     * The service API's bulk operation over up to ten enrollments or groups: {@code create} (fails
     * for an existing one), {@code update}, {@code updateIfMatchETag} (each item's etag must match)
     * or {@code delete}. Items are applied independently; the failures are returned.
     *
     * @param items id and body of each item
     */
    public synchronized List<BulkError> bulk(boolean groups, String mode, List<Map.Entry<String, JsonObject>> items) {
        if (items.isEmpty() || items.size() > 10) {
            throw DpsException.badRequest("a bulk operation takes 1 to 10 items, not " + items.size());
        }
        if (!List.of("create", "update", "updateIfMatchETag", "delete").contains(mode)) {
            throw DpsException.badRequest("bulk mode '" + mode + "' is not one of create, update, updateIfMatchETag, delete");
        }
        List<BulkError> errors = new ArrayList<>();
        for (Map.Entry<String, JsonObject> item : items) {
            String id = item.getKey();
            Optional<String> etag = Optional.ofNullable(item.getValue().get("etag"))
                    .filter(v -> v instanceof jakarta.json.JsonString).map(v -> ((jakarta.json.JsonString) v).getString());
            boolean exists = groups ? state.group(id).isPresent() : state.enrollment(id).isPresent();
            try {
                switch (mode) {
                    case "create" -> {
                        if (exists) {
                            throw new DpsException(DpsErrorCode.CONFLICT, "'" + id + "' already exists");
                        }
                        put(groups, id, item.getValue(), Optional.empty());
                    }
                    case "update" -> put(groups, id, item.getValue(), Optional.empty());
                    case "updateIfMatchETag" -> put(groups, id, item.getValue(), Optional.of(etag.orElse("")));
                    default -> {
                        if (groups) {
                            deleteGroup(id, Optional.empty());
                        } else {
                            deleteEnrollment(id, Optional.empty());
                        }
                    }
                }
            } catch (DpsException e) {
                errors.add(new BulkError(id, e.errorCode().code(), e.getMessage()));
            }
        }
        return errors;
    }

    private void put(boolean group, String id, JsonObject body, Optional<String> ifMatch) {
        if (group) {
            putGroup(id, body, ifMatch);
        } else {
            putEnrollment(id, body, ifMatch);
        }
    }

    // ---- service API: registration states --------------------------------------------------

    public Registration registration(String registrationId) {
        return state.registration(registrationId).orElseThrow(() -> DpsException.notFound(
                "no registration state for '" + registrationId + "'"));
    }

    public List<Registration> registrations() {
        return state.registrations();
    }

    public List<Registration> registrationsOfGroup(String groupId) {
        group(groupId);
        return state.registrations().stream()
                .filter(r -> r.enrollmentGroupId().filter(groupId::equalsIgnoreCase).isPresent()).toList();
    }

    public synchronized void deleteRegistration(String registrationId, Optional<String> ifMatch) {
        Registration existing = registration(registrationId);
        // Registration states show their etag base64-encoded, as DPS does; either form is accepted back.
        Optional<String> given = ifMatch.map(etag -> etag.equals(ServiceJson.wireEtag(existing)) ? existing.revision().etag() : etag);
        checkIfMatch(Optional.of(existing.revision().etag()), given, "registration state of '" + registrationId + "'");
        state.deleteRegistration(registrationId);
        journal.forget(registrationId);
    }

    /** The statuses this service answered each registration id with, in order. */
    public StatusJournal journal() {
        return journal;
    }

    // ---- service API: CA certificates ------------------------------------------------------

    public CaCertificate caCertificate(String name) {
        return state.caCertificate(name).orElseThrow(() -> DpsException.notFound("no CA certificate named '" + name + "'"));
    }

    public List<CaCertificate> caCertificates() {
        return state.caCertificates();
    }

    /** Upload (or replace) a CA certificate, verified at once when {@code verified} says so. */
    public synchronized CaCertificate putCaCertificate(String name, X509Certificate certificate, boolean verified,
                                                       Optional<String> ifMatch) {
        if (!name.matches("[A-Za-z0-9._-]{1,256}")) {
            throw DpsException.badRequest("certificate name '" + name + "' may hold only letters, digits and - . _");
        }
        if (!Certificates.isCertificateAuthority(certificate) && !Certificates.isSelfIssued(certificate)) {
            throw DpsException.badRequest("certificate '" + name + "' (" + Certificates.describe(certificate)
                    + ") is not a CA certificate");
        }
        Optional<CaCertificate> existing = state.caCertificate(name);
        checkIfMatch(existing.map(c -> c.revision().etag()), ifMatch, "CA certificate '" + name + "'");
        Instant now = clock.instant();
        CaCertificate ca = new CaCertificate(name, certificate, verified, Optional.empty(),
                existing.map(c -> c.revision().next(now)).orElseGet(() -> Revision.first(now)));
        state.put(ca);
        return ca;
    }

    public synchronized CaCertificate generateVerificationCode(String name, Optional<String> ifMatch) {
        CaCertificate ca = caCertificate(name);
        checkIfMatch(Optional.of(ca.revision().etag()), ifMatch, "CA certificate '" + name + "'");
        byte[] code = new byte[24];
        RANDOM.nextBytes(code);
        CaCertificate updated = new CaCertificate(ca.name(), ca.certificate(), ca.verified(),
                Optional.of(HexFormat.of().withUpperCase().formatHex(code)), ca.revision().next(clock.instant()));
        state.put(updated);
        return updated;
    }

    /** Proof of possession: a certificate with CN = the verification code, signed by the CA's key. */
    public synchronized CaCertificate verifyCaCertificate(String name, X509Certificate proof, Optional<String> ifMatch) {
        CaCertificate ca = caCertificate(name);
        checkIfMatch(Optional.of(ca.revision().etag()), ifMatch, "CA certificate '" + name + "'");
        String code = ca.verificationCode().orElseThrow(() -> DpsException.badRequest(
                "no verification code has been generated for '" + name + "'; generate one first"));
        String commonName = Certificates.commonName(proof).orElse("");
        if (!commonName.equals(code)) {
            throw DpsException.badRequest("the verification certificate's CN '" + commonName
                    + "' is not the verification code '" + code + "'");
        }
        if (!Certificates.isSignedBy(proof, ca.certificate())) {
            throw DpsException.badRequest("the verification certificate was not signed by the key of '" + name + "'");
        }
        Instant now = clock.instant();
        if (now.isBefore(proof.getNotBefore().toInstant()) || now.isAfter(proof.getNotAfter().toInstant())) {
            throw DpsException.badRequest("the verification certificate is not valid now");
        }
        CaCertificate verified = new CaCertificate(ca.name(), ca.certificate(), true, Optional.empty(), ca.revision().next(now));
        state.put(verified);
        return verified;
    }

    public synchronized void deleteCaCertificate(String name, Optional<String> ifMatch) {
        CaCertificate ca = caCertificate(name);
        checkIfMatch(Optional.of(ca.revision().etag()), ifMatch, "CA certificate '" + name + "'");
        state.deleteCaCertificate(name);
    }

    // ---- hubs ------------------------------------------------------------------------------

    public List<HubRegistry> hubs() {
        return List.copyOf(hubs.values());
    }

    public Optional<HubRegistry> hub(String nameOrHostName) {
        return hubs.values().stream().filter(r -> r.hub().name().equalsIgnoreCase(nameOrHostName)
                || r.hub().hostName().equalsIgnoreCase(nameOrHostName)).findFirst();
    }

    private static void checkIfMatch(Optional<String> current, Optional<String> ifMatch, String what) {
        if (ifMatch.isEmpty() || ifMatch.get().equals("*") && current.isPresent()) {
            return;
        }
        if (current.isEmpty()) {
            throw new DpsException(DpsErrorCode.PRECONDITION_FAILED, "If-Match " + ifMatch.get() + " given but " + what + " does not exist");
        }
        if (!unquote(current.get()).equals(unquote(ifMatch.get()))) {
            throw new DpsException(DpsErrorCode.PRECONDITION_FAILED, "If-Match " + ifMatch.get()
                    + " does not match the etag " + current.get() + " of " + what);
        }
    }

    private static String unquote(String etag) {
        String value = etag.strip();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
