package dev.dpsrig.hil.config;

/** Who registers a board with DPS. */
public enum BoardMode {
    /** The board's firmware registers by itself; the rig watches its console. */
    CONSOLE,
    /** The board holds its key and signs over serial; the rig registers on its behalf. */
    TETHERED
}
