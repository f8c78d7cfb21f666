package dev.dpsrig.features.board;

import dev.dpsrig.hil.config.BoardMode;
import dev.dpsrig.hil.virtual.Firmware;
import java.util.function.Supplier;

/**
 * Where a scenario's boards come from: virtual boards on pseudo-terminals, or the boards of a rig file.
 * A scenario names a board and the mode it needs; the bench hands over a board in that mode or says
 * why it cannot.
 */
public sealed interface Bench extends AutoCloseable permits VirtualBench, RigBench {

    /** Set by {@code dpsrig test --rig FILE}: the rig file whose boards the scenarios drive. */
    String RIG_PROPERTY = "dpsrig.rig";

    /** Scenarios that inject faults only a virtual board can; a run on a rig leaves them out. */
    String VIRTUAL_BOARD_TAG = "@virtual-board";

    /**
     * The board called {@code name} in {@code mode}. A virtual bench builds it running the firmware
     * {@code firmware} supplies; a rig bench ignores the firmware (the board has its own) and checks the mode.
     */
    BoardUnderTest board(String name, BoardMode mode, Supplier<Firmware> firmware);

    /** What the scenario report calls this bench. */
    String describe();

    @Override
    void close();
}
