package dev.dpsrig.emulator.device;

import java.time.Duration;

/**
 * How a device waits between polls and retries. Devices run on virtual threads, so waiting holds no
 * platform thread; tests can substitute a waiter that records the waits instead.
 */
@FunctionalInterface
public interface Waiter {
    Waiter SLEEPING = wait -> {
        if (!wait.isNegative() && !wait.isZero()) {
            Thread.sleep(wait);
        }
    };

    void await(Duration wait) throws InterruptedException;
}
