package dev.dpsrig.hil.check;

import dev.dpsrig.hil.board.Board;

/**
 * Asks a board whether it is there, as {@code rig check} does: returns what it answered, or throws a
 * {@link dev.dpsrig.hil.RigException} saying what did not answer. Each board mode has its own probe.
 */
@FunctionalInterface
public interface BoardProbe {

    String probe(Board board);
}
