package dev.dpsrig.hil;

import java.time.Duration;

/**
 * Waits a fixed time, such as a reset pulse's width. Injected so tests can record the waits instead of
 * sitting through them, and so domain code never sleeps on its own.
 */
@FunctionalInterface
public interface Pause {

    /** Really waits; an interrupt ends the wait early and is kept on the thread. */
    Pause REAL = duration -> {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RigException("interrupted during a pause of " + duration.toMillis() + " ms", e);
        }
    };

    void pause(Duration duration);
}
