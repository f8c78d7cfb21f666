package dev.dpsrig.hil.board;

import dev.dpsrig.hil.RigException;

/** A transition asked of a board that is latched broken; carries the failure that broke it. */
public final class BoardBrokenException extends RigException {
    private final RigException original;

    public BoardBrokenException(String board, RigException original) {
        super(board + " is broken since an earlier transition failed (" + original.getMessage().lines().findFirst().orElse("")
                + "); recover it (power-cycle) before moving it again", original);
        this.original = original;
    }

    public RigException original() {
        return original;
    }
}
