package dev.dpsrig.features.board;

import dev.dpsrig.hil.board.Board;
import dev.dpsrig.hil.board.BoardLog;
import dev.dpsrig.hil.board.BoardStrategy;
import dev.dpsrig.hil.virtual.VirtualBoard;
import java.util.Optional;

/**
 * One board a scenario drives, virtual or wired to the rig: the same capabilities, strategy and log
 * either way. Only a virtual board has a {@link VirtualBoard} behind its serial line, for faults on demand.
 */
public record BoardUnderTest(Board board, BoardStrategy strategy, BoardLog log, Optional<VirtualBoard> virtual) {

    public String name() {
        return board.name();
    }
}
