package dev.dpsrig.hil.virtual;

import dev.dpsrig.hil.Console;

/**
 * What a virtual board runs from power-on: its side of the serial line, read and written through the
 * same {@link Console} the rig uses on the other end. Cutting the power interrupts the thread it runs
 * on; firmware must let {@link InterruptedException} (or an interrupted console wait) end it.
 */
@FunctionalInterface
public interface Firmware {

    void run(Console line) throws InterruptedException;
}
