package dev.dpsrig.hil;

import java.time.Instant;

/**
 * One timestamped thing that happened on the rig, paired where it has a start and an end (power on,
 * transition started/ended, console matched). Events feed the board log and the scenario report.
 */
public record RigEvent(Instant at, String board, Kind kind, String detail) {

    public enum Kind {
        POWER_ON, POWER_OFF, RESET, LINE_SET, LINE_CHANGED, CONSOLE_SENT, CONSOLE_MATCHED, CONSOLE_TIMEOUT,
        TRANSITION_STARTED, TRANSITION_ENDED, TRANSITION_FAILED, TETHERED_REQUEST, TETHERED_REPLY, NOTE
    }

    @Override
    public String toString() {
        return at + " " + board + " " + kind + (detail.isEmpty() ? "" : " " + detail);
    }
}
