package dev.dpsrig.hil.serial;

import java.nio.file.Path;

/** How a rig file names a serial port: by its device path, or by the serial number of its USB adapter. */
public sealed interface PortAddress {

    /**
     * The device path, symlinks welcome ({@code /dev/serial/by-id/...}, a link to a pseudo-terminal).
     * Pseudo-terminals are never listed by port enumeration, so a path is opened directly.
     */
    record ByPath(Path path) implements PortAddress {
        @Override
        public String toString() {
            return path.toString();
        }
    }

    /** The USB adapter's serial number, stable across re-plugging where {@code /dev/ttyUSBn} is not. */
    record ByUsbSerial(String serialNumber) implements PortAddress {
        @Override
        public String toString() {
            return "usb-serial:" + serialNumber;
        }
    }
}
