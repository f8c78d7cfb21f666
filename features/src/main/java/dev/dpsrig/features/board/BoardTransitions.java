package dev.dpsrig.features.board;

import dev.dpsrig.hil.RigListener;
import dev.dpsrig.hil.board.Board;
import dev.dpsrig.hil.board.BoardStrategy;
import java.time.Clock;

/**
 * The strategy a board gets for its mode. Console boards boot and provision on their own and the
 * strategy reads their console; for a tethered board the scenario's world supplies the provisioning
 * step, because there the rig registers on the board's behalf.
 */
@FunctionalInterface
public interface BoardTransitions {

    BoardStrategy strategy(Board board, Clock clock, RigListener listener);
}
