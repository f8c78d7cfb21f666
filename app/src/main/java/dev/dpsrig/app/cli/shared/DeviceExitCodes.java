package dev.dpsrig.app.cli.shared;

import dev.dpsrig.emulator.device.ProvisioningException;

/**
 * The exit codes of {@code dpsrig device ...}, as listed in each command's help. {@link #ERROR}, {@link #USAGE} and
 * {@link #UNREACHABLE} mean the same for every dpsrig command that talks to DPS, a hub or the simulator
 * ({@code device}, {@code fleet run}, {@code dps}, {@code hub}, {@code faults}, {@code quotas}).
 */
public final class DeviceExitCodes {
    public static final int OK = 0;
    /** Not a device outcome: a bug or an I/O failure outside the device's protocol (as every dpsrig command). */
    static final int ERROR = 1;
    /** Bad or missing options, unreadable credentials, two credential kinds. */
    public static final int USAGE = 2;
    public static final int FAILED = 3;
    public static final int DISABLED = 4;
    public static final int REFUSED = 5;
    public static final int DEADLINE_EXCEEDED = 6;
    /** {@code send}: at least one message failed; {@code receive}: the hub refused the receive or the settlement. */
    public static final int HUB_FAILED = 7;
    /** {@code receive}: no cloud-to-device message arrived within {@code --wait}. */
    public static final int NO_MESSAGE = 8;
    /**
     * The endpoint could not be reached at all: connection refused before it had ever answered in the run, unknown
     * host, no route. Given at once, not after retrying until the deadline; the message names the endpoint and where
     * it came from.
     */
    public static final int UNREACHABLE = 9;

    /** The line each command's exit code list has for {@link #UNREACHABLE}. */
    public static final String UNREACHABLE_LINE = "9:the endpoint cannot be reached at all (connection refused before it ever answered,"
            + " unknown host, no route): said at once, not at the deadline";

    /** The lines of commands that ask the running simulator's service API something ({@code hub}, {@code faults}, {@code quotas}). */
    public static final String DONE_LINE = "0:done";
    public static final String SERVICE_REFUSED_LINE = "1:the simulator refused the request (its status and message are printed), or an unexpected error";
    public static final String USAGE_LINE = "2:usage error: bad or missing options";

    public static final String HEADING = "%nExit codes:%n";

    private DeviceExitCodes() {
    }

    public static int of(ProvisioningException.Reason reason) {
        return switch (reason) {
            case FAILED -> FAILED;
            case DISABLED -> DISABLED;
            case REFUSED -> REFUSED;
            case DEADLINE_EXCEEDED -> DEADLINE_EXCEEDED;
            case UNREACHABLE -> UNREACHABLE;
        };
    }
}
