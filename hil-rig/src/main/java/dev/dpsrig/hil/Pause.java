package dev.dpsrig.hil;

import java.time.Duration;

/**
 * Waits a fixed time: a reset pulse's width, a virtual board's boot-log lines, a stalled reply.
 * Injected so tests can record the waits instead of sitting through them, and so domain code never
 * sleeps on its own.
 */
@FunctionalInterface
public interface Pause {

    /** Really waits; zero or negative durations return at once. */
    Pause SLEEPING = wait -> {
        if (!wait.isNegative() && !wait.isZero()) {
            Thread.sleep(wait);
        }
    };

    /** Waits {@code wait}; an interrupt (a virtual board losing power) ends it. */
    void await(Duration wait) throws InterruptedException;

    /**
     * Waits where an interrupt means the rig is being stopped mid-step: the interrupt stays set on the
     * thread and the step fails with a {@link RigException}.
     */
    default void pause(Duration wait) {
        try {
            await(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RigException("interrupted during a pause of " + wait.toMillis() + " ms", e);
        }
    }
}
