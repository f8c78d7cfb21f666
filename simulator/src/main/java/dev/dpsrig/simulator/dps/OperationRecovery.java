package dev.dpsrig.simulator.dps;

import dev.dpsrig.protocol.DpsErrorCode;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * <b>A restart ends every operation that was in flight as it would have ended.</b> The
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
 * A device that registers again is allocated afresh in both cases. The polls an
 * {@link OutcomeOverride.HoldAssigning} held back are not kept: a restarted operation completes when due.
 */
final class OperationRecovery {
    private final DpsState state;
    private final LinkedHubs hubs;
    private final Registrar registrar;
    private final Clock clock;

    OperationRecovery(DpsState state, LinkedHubs hubs, Registrar registrar, Clock clock) {
        this.state = state;
        this.hubs = hubs;
        this.registrar = registrar;
        this.clock = clock;
    }

    /** Resumes or ends every operation found in flight when the state was loaded; once, at start. */
    void resumeInterrupted() {
        for (Registration interrupted : state.takeInterrupted()) {
            if (interrupted.state() instanceof Registration.Assigning assigning) {
                resume(interrupted, assigning.operation());
            }
        }
    }

    private void resume(Registration assigning, Optional<Operation> kept) {
        if (kept.isEmpty()) {
            state.put(assigning.with(new Registration.Failed(DpsErrorCode.INTERNAL_ERROR.code(), "the simulator stopped while assigning '"
                    + assigning.registrationId() + "' and kept no outcome for it; register again"),
                    new Revision(assigning.revision().etag(), assigning.revision().created(), clock.instant())));
            return;
        }
        Operation operation = kept.get();
        Optional<String> gone = operation.outcome().hubAssignment().map(Operation.HubAssignment::hubHostName)
                .filter(hub -> !hubs.isLinked(hub));
        if (gone.isPresent()) {
            Registration decided = operation.outcome().registration();
            Registration outcome = decided.with(new Registration.Failed(DpsErrorCode.NO_HUB.code(),
                    "the simulator restarted while assigning '" + assigning.registrationId() + "' to hub " + gone.get()
                            + ", which is no longer linked; register again"), decided.revision());
            operation = new Operation(operation.operationId(), operation.registrationId(), operation.readyAt(),
                    new Operation.Outcome(outcome, Optional.empty()), new AtomicInteger());
        }
        registrar.track(operation, Duration.between(clock.instant(), operation.readyAt()));
    }
}
