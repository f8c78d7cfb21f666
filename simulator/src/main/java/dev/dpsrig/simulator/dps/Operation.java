package dev.dpsrig.simulator.dps;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A register call in progress. Until {@code readyAt} lookups answer {@code assigning}; from then on
 * the outcome decided at register time is the registration's state.
 *
 * @param heldPolls lookups still to answer {@code assigning} whatever the time (an
 *                  {@link OutcomeOverride.HoldAssigning}); while any remain, only a lookup completes the operation
 */
public record Operation(String operationId, String registrationId, Instant readyAt, Outcome outcome, AtomicInteger heldPolls) {

    /** Whether this lookup must still see {@code assigning}; counts it. */
    boolean holdsThisLookup() {
        return heldPolls.getAndUpdate(left -> Math.max(0, left - 1)) > 0;
    }

    /**
     * What register decided: the registration as it will stand (assigned, failed or disabled), and
     * for an assignment, and only for one, the device identity the hub will get.
     */
    public record Outcome(Registration registration, Optional<HubAssignment> hubAssignment) {
        public Outcome {
            if (registration.state() instanceof Registration.Assigning) {
                throw new IllegalArgumentException("an outcome ends the assigning, it is not assigning itself");
            }
            if (hubAssignment.isPresent() != registration.state() instanceof Registration.Assigned) {
                throw new IllegalArgumentException("a hub device is created for an assignment, and only for one");
            }
        }
    }

    /**
     * The hub device to create or update when the assignment takes effect: everything needed is kept
     * here, so that an operation read back after a restart can be completed without the device.
     */
    public record HubAssignment(String hubHostName, String deviceId, String registrationId,
                                HubDevice.HubAuthentication authentication, boolean iotEdge, Optional<RawJson> initialTwin) {
    }
}
