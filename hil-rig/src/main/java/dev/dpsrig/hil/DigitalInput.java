package dev.dpsrig.hil;

import java.time.Duration;

/** A line the rig reads: a board's status LED, a "ready" pin. */
public interface DigitalInput extends DigitalLine {

    /**
     * Waits until the line is at {@code high}, or throws {@link RigException} naming the line, the level
     * wanted and how long it waited.
     */
    void awaitLevel(boolean high, Duration timeout);
}
