package dev.dpsrig.simulator.dps;

/**
 * How a register call is to end whatever its enrollment and allocation would decide: a test
 * forcing a failed assignment, or an operation that stays {@code assigning} for a while.
 */
public sealed interface OutcomeOverride {

    /** The operation ends {@code failed} with this error code and message, once the device has proven who it is. */
    record Fail(int errorCode, String errorMessage) implements OutcomeOverride {
    }

    /** The operation answers {@code assigning} to this many lookups before it completes. */
    record HoldAssigning(int polls) implements OutcomeOverride {
        public HoldAssigning {
            if (polls < 1) {
                throw new IllegalArgumentException("an operation is held for at least 1 poll, not " + polls);
            }
        }
    }
}
