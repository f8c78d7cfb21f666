package dev.dpsrig.app.archfixture;

import com.fazecast.jSerialComm.SerialPort;

/** Breaks the jSerialComm rule on purpose: a port opened outside dev.dpsrig.hil.serial. */
public final class UsesJSerialCommOutsideSerial {
    SerialPort port() {
        return SerialPort.getCommPort("/dev/ttyUSB0");
    }
}
