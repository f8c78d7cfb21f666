package dev.dpsrig.app.cli.device;

import dev.dpsrig.app.cli.shared.ExitCodes;
import dev.dpsrig.emulator.device.ProvisioningException;

/**
 * The exit codes only {@code dpsrig device ...} gives, one per way a device's registration or hub traffic can end, as
 * listed in each command's help; {@link ExitCodes} has those every command shares.
 */
public final class DeviceExitCodes {
    public static final int FAILED = 3;
    public static final int DISABLED = 4;
    public static final int REFUSED = 5;
    public static final int DEADLINE_EXCEEDED = 6;
    /** {@code send}: at least one message failed; {@code receive}: the hub refused the receive or the settlement. */
    public static final int HUB_FAILED = 7;
    /** {@code receive}: no cloud-to-device message arrived within {@code --wait}. */
    public static final int NO_MESSAGE = 8;

    private DeviceExitCodes() {
    }

    static int of(ProvisioningException.Reason reason) {
        return switch (reason) {
            case FAILED -> FAILED;
            case DISABLED -> DISABLED;
            case REFUSED -> REFUSED;
            case DEADLINE_EXCEEDED -> DEADLINE_EXCEEDED;
            case UNREACHABLE -> ExitCodes.UNREACHABLE;
        };
    }
}
