package dev.dpsrig.simulator.cli;

import dev.dpsrig.simulator.device.ProvisioningException;

/** The exit codes of {@code dpsrig device ...}, as listed in each command's help. */
final class DeviceExitCodes {
    static final int OK = 0;
    /** Not a device outcome: a bug or an I/O failure outside the device's protocol (as every dpsrig command). */
    static final int ERROR = 1;
    /** Bad or missing options, unreadable credentials, two credential kinds. */
    static final int USAGE = 2;
    static final int FAILED = 3;
    static final int DISABLED = 4;
    static final int REFUSED = 5;
    static final int DEADLINE_EXCEEDED = 6;
    /** {@code send}: at least one message failed; {@code receive}: the hub refused the receive or the settlement. */
    static final int HUB_FAILED = 7;
    /** {@code receive}: no cloud-to-device message arrived within {@code --wait}. */
    static final int NO_MESSAGE = 8;

    static final String HEADING = "%nExit codes:%n";

    private DeviceExitCodes() {
    }

    static int of(ProvisioningException.Reason reason) {
        return switch (reason) {
            case FAILED -> FAILED;
            case DISABLED -> DISABLED;
            case REFUSED -> REFUSED;
            case DEADLINE_EXCEEDED -> DEADLINE_EXCEEDED;
        };
    }
}
