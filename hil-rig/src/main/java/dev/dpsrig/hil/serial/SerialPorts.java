package dev.dpsrig.hil.serial;

import com.fazecast.jSerialComm.SerialPort;
import dev.dpsrig.hil.RigException;
import dev.dpsrig.hil.RigListener;
import dev.dpsrig.hil.console.LineConsole;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Opens serial ports with jSerialComm and hands them out as {@link LineConsole}s. */
public final class SerialPorts {
    private SerialPorts() {
    }

    /**
     * Opens the port {@code settings} name for {@code board}. The console owns the port: closing it closes
     * the port. Throws {@link RigException} naming the port and the reason when it cannot be opened.
     */
    public static LineConsole open(SerialSettings settings, String board, Clock clock, RigListener listener) {
        SerialLine line = openLine(settings, board);
        return new LineConsole(line.name(), board, line.in(), line.out(), clock, listener, line.closer());
    }

    /**
     * Opens the port {@code settings} name for {@code board} as plain byte streams, e.g. for a person at its
     * console; closing the line's {@link SerialLine#closer()} closes the port. Refused as {@link #open} is.
     */
    public static SerialLine openLine(SerialSettings settings, String board) {
        SerialPort port = switch (settings.port()) {
            case PortAddress.ByPath byPath -> byPath(byPath.path());
            case PortAddress.ByUsbSerial byUsb -> byUsbSerial(byUsb.serialNumber());
        };
        String name = settings.port() + (settings.port().toString().equals(port.getSystemPortPath()) ? "" : " (" + port.getSystemPortPath() + ")");
        port.setComPortParameters(settings.baud(), settings.dataBits(), stopBits(settings.stopBits()), parity(settings.parity()));
        // Semi-blocking: a read returns whatever has arrived, or times out; the console's reader treats the timeout as "nothing yet".
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, (int) settings.readTimeout().toMillis(), 0);
        if (!port.openPort()) {
            throw new RigException("could not open serial port " + name + " for " + board + ": "
                    + OsErrors.describe(port.getLastErrorCode()) + " (jSerialComm error " + port.getLastErrorCode()
                    + " at " + port.getLastErrorLocation() + ")");
        }
        return new SerialLine(name, port.getInputStream(), port.getOutputStream(), port::closePort);
    }

    /**
     * jSerialComm takes a path it cannot find for a port name under /dev (a missing
     * {@code /tmp/rig/ttyA} would become {@code /dev/ttyA}), so the path is checked and resolved here.
     */
    private static SerialPort byPath(Path path) {
        if (!Files.exists(path)) {
            throw new RigException("could not open serial port " + path + ": no such file"
                    + (Files.isSymbolicLink(path) ? " (the link points nowhere)" : ""));
        }
        Path real;
        try {
            real = path.toRealPath();
        } catch (IOException e) {
            throw new RigException("could not open serial port " + path + ": " + e.getMessage(), e);
        }
        if (!Files.isReadable(real) || !Files.isWritable(real)) {
            throw new RigException("could not open serial port " + path + ": permission denied on " + real
                    + " (is the user in the group owning it, e.g. dialout?)");
        }
        return SerialPort.getCommPort(real.toString());
    }

    private static SerialPort byUsbSerial(String serialNumber) {
        List<SerialPort> ports = Arrays.asList(SerialPort.getCommPorts());
        return ports.stream()
                .filter(port -> serialNumber.equals(port.getSerialNumber()))
                .findFirst()
                .orElseThrow(() -> new RigException("no serial port has USB serial number " + serialNumber + "; "
                        + (ports.isEmpty() ? "found no serial ports at all" : "found " + ports.stream()
                                .map(port -> port.getSystemPortPath() + " (serial number " + port.getSerialNumber() + ")")
                                .collect(Collectors.joining(", ")))));
    }

    private static int stopBits(StopBits stopBits) {
        return switch (stopBits) {
            case ONE -> SerialPort.ONE_STOP_BIT;
            case ONE_AND_A_HALF -> SerialPort.ONE_POINT_FIVE_STOP_BITS;
            case TWO -> SerialPort.TWO_STOP_BITS;
        };
    }

    private static int parity(Parity parity) {
        return switch (parity) {
            case NONE -> SerialPort.NO_PARITY;
            case ODD -> SerialPort.ODD_PARITY;
            case EVEN -> SerialPort.EVEN_PARITY;
            case MARK -> SerialPort.MARK_PARITY;
            case SPACE -> SerialPort.SPACE_PARITY;
        };
    }
}
