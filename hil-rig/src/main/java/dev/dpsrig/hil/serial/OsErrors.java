package dev.dpsrig.hil.serial;

/**
 * Words for the Linux error numbers jSerialComm reports when a port will not open. Its code is the
 * native call's errno, but for a port locked by another program it has been seen to report 2, so the
 * unknown and ambiguous cases say what is most likely.
 */
final class OsErrors {
    private OsErrors() {
    }

    static String describe(int errno) {
        return switch (errno) {
            case 2 -> "no such device, or the port is already open in another program";
            case 6 -> "no such device or address (was the adapter unplugged?)";
            case 13 -> "permission denied";
            case 16 -> "device or resource busy (is the port open in another program?)";
            case 25 -> "not a serial device";
            default -> "operating system error " + errno + " (is the port open in another program?)";
        };
    }
}
