package dev.dpsrig.simulator.dps;

import dev.dpsrig.protocol.DpsErrorCode;
import dev.dpsrig.protocol.DpsException;
import dev.dpsrig.protocol.RegistrationIds;
import dev.dpsrig.protocol.RegistrationStatus;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
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
 * The device runtime API: register, operation lookup and registration status lookup.
 *
 * <p>A register call decides its outcome at once (credentials, enrollment, allocation) and makes it the
 * registration's state after the assignment delay; until then the device sees {@code assigning}. The
 * {@code assigning} registration is stored with its operation before the device gets its 202, so that a
 * restart can end it (see {@link OperationRecovery}). The outcome is applied by a timer, and at the
 * latest by the first lookup that finds it due, so a device that never polls still ends up registered.
 */
final class Registrar implements AutoCloseable {
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
    private final LinkedHubs hubs;
    private final Attestor attestor;
    private final Allocator allocator;
    private final Reprovisioning reprovisioning;
    private final StatusJournal journal;
    private final Map<String, Operation> operations = new ConcurrentHashMap<>();
    private final Map<String, Operation> pending = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("dps-assignment").factory());

    Registrar(String idScope, Clock clock, Duration assignmentDelay, DpsState state, LinkedHubs hubs,
              Allocator allocator, StatusJournal journal) {
        this.idScope = idScope;
        this.clock = clock;
        this.assignmentDelay = assignmentDelay;
        this.state = state;
        this.hubs = hubs;
        this.attestor = new Attestor(state, idScope, clock);
        this.allocator = allocator;
        this.reprovisioning = new Reprovisioning(hubs);
        this.journal = journal;
    }

    /** Seconds a device should wait before polling: the {@code Retry-After} of a 202. */
    int retryAfterSeconds() {
        return (int) Math.max(1, (assignmentDelay.toMillis() + 999) / 1000);
    }

    /**
     * Register, reading the request's payload only once the device has proven who it is, so that an
     * unauthenticated caller never gets its body read. An override decides how it ends:
     * {@link OutcomeOverride.Fail} makes the operation end {@code failed} (once the device has proven
     * who it is); {@link OutcomeOverride.HoldAssigning} keeps it {@code assigning} for that many lookups.
     */
    OperationStatus register(String scope, String registrationId, DeviceCredentials credentials,
                             Supplier<Optional<RawJson>> body, Optional<OutcomeOverride> override) {
        checkScopeAndId(scope, registrationId);
        EnrollmentMatch match = attestor.attest(registrationId, credentials);
        Optional<RawJson> payload = body.get();
        if (timer.isShutdown()) {
            throw stopping();
        }
        Instant now = clock.instant();
        Optional<Registration> previous = state.registration(registrationId);
        Revision revision = previous.map(r -> r.revision().next(now)).orElseGet(() -> Revision.first(now));
        Operation.Outcome decided = override.isPresent() && override.get() instanceof OutcomeOverride.Fail failed
                ? failedOutcome(match, previous, revision, failed)
                : decide(match, previous, payload, revision);
        int heldPolls = override.isPresent() && override.get() instanceof OutcomeOverride.HoldAssigning held ? held.polls() : 0;
        Registration outcome = decided.registration();
        Operation operation = new Operation(newOperationId(), registrationId, now.plus(assignmentDelay), decided,
                new AtomicInteger(heldPolls));
        Registration assigning = new Registration(registrationId, outcome.deviceId(), outcome.attestationType(),
                outcome.enrollmentGroupId(), outcome.certificate(), previous.flatMap(Registration::firstAssignedHub),
                new Registration.Assigning(previous.flatMap(Registration::assignedHub), Optional.of(operation)), revision);
        state.put(assigning);
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

    OperationStatus lookupOperation(String scope, String registrationId, String operationId, DeviceCredentials credentials) {
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

    Registration registrationStatus(String scope, String registrationId, DeviceCredentials credentials) {
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
                                                  OutcomeOverride.Fail failed) {
        return new Operation.Outcome(decided(match, previous.flatMap(Registration::firstAssignedHub),
                new Registration.Failed(failed.errorCode(), failed.errorMessage()), revision), Optional.empty());
    }

    private Operation.Outcome decide(EnrollmentMatch match, Optional<Registration> previous, Optional<RawJson> payload,
                                     Revision revision) {
        Optional<String> firstHub = previous.flatMap(Registration::firstAssignedHub);
        if (!match.enrollment().policy().enabled()) {
            String which = match.enrollmentGroupId().map(g -> "enrollment group '" + g + "'")
                    .orElse("the enrollment of '" + match.registrationId() + "'");
            return new Operation.Outcome(decided(match, firstHub, new Registration.Disabled(which + " is disabled"), revision),
                    Optional.empty());
        }
        Allocator.Decision decision = allocator.allocate(match, previous, payload);
        if (decision instanceof Allocator.Decision.Failed failed) {
            return new Operation.Outcome(decided(match, firstHub, new Registration.Failed(failed.errorCode(), failed.message()),
                    revision), Optional.empty());
        }
        Allocator.Decision.Assigned assigned = (Allocator.Decision.Assigned) decision;
        Reprovisioning.Placement placement = reprovisioning.place(previous, assigned.hub(),
                match.enrollment().policy().reprovisionPolicy());
        return new Operation.Outcome(decided(match, Optional.of(placement.firstAssignedHub()),
                new Registration.Assigned(placement.hub(), placement.substatus(), assigned.payload()), revision),
                Optional.of(new Operation.HubAssignment(placement.hub(), match.deviceId(), match.registrationId(),
                        match.hubAuthentication(), match.enrollment().policy().iotEdge(), assigned.initialTwin())));
    }

    /** The registration of a device that proved who it is, as it will stand once its operation completes. */
    private static Registration decided(EnrollmentMatch match, Optional<String> firstAssignedHub, Registration.State state,
                                        Revision revision) {
        return new Registration(match.registrationId(), match.deviceId(), match.enrollment().attestationType(),
                match.enrollmentGroupId(), match.certificate(), firstAssignedHub, state, revision);
    }

    /** Makes an operation known to lookups and schedules its completion and its forgetting. */
    void track(Operation operation, Duration untilDue) {
        operations.put(operation.operationId(), operation);
        pending.put(operation.operationId(), operation);
        long dueMillis = Math.max(0, untilDue.toMillis());
        if (operation.heldPolls().get() == 0) {
            timer.schedule(() -> complete(operation), dueMillis, TimeUnit.MILLISECONDS);
        }
        timer.schedule(() -> operations.remove(operation.operationId()),
                dueMillis + OPERATION_LIFETIME.toMillis(), TimeUnit.MILLISECONDS);
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
            HubRegistry registry = hubs.byHostName(assignment.hubHostName()).orElseThrow(() ->
                    new IllegalStateException("hub " + assignment.hubHostName() + " is not linked to this DPS"));
            Optional<HubDevice> existing = registry.device(assignment.deviceId());
            registry.put(new HubDevice(assignment.deviceId(), assignment.registrationId(), assignment.authentication(), true,
                    assignment.iotEdge(), assignment.initialTwin(),
                    existing.map(d -> d.revision().next(now)).orElseGet(() -> Revision.first(now))));
        });
        state.put(outcome.with(new Revision(outcome.revision().etag(), outcome.revision().created(), now)));
    }

    private static String newOperationId() {
        byte[] shard = new byte[8];
        RANDOM.nextBytes(shard);
        return "5." + HexFormat.of().formatHex(shard) + "." + UUID.randomUUID();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
