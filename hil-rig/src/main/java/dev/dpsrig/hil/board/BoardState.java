package dev.dpsrig.hil.board;

/** Where a {@link BoardStrategy} has brought its board; BROKEN latches after a failed transition. */
public enum BoardState {
    OFF, BOOTED, PROVISIONED, BROKEN
}
