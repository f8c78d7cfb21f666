package dev.dpsrig.hil.board;

import java.time.Duration;

/**
 * One step of a {@link BoardStrategy}, e.g. "power on and see the boot banner". It returns once the
 * board is in the step's target state, or throws (a {@link dev.dpsrig.hil.RigException} with the
 * evidence) within {@code deadline}. A tethered board, which the rig registers itself, supplies its
 * own provisioning step this way.
 */
@FunctionalInterface
public interface Transition {

    void run(Board board, Duration deadline);
}
