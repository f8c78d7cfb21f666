package dev.dpsrig.hil.gpio;

import dev.dpsrig.hil.RigException;

/**
 * A rig file says {@code gpio: pi4j}, but Pi4J found no GPIO plugin for this machine on the class path,
 * only its mock. The message is one line saying what to add, for a command to print as it is.
 */
public final class NoGpioProviderException extends RigException {

    NoGpioProviderException(String found, Throwable cause) {
        super("no Pi4J GPIO provider on the class path (" + found + "); add a Pi4J GPIO plugin for this machine, e.g."
                + " com.pi4j:pi4j-plugin-raspberrypi, pi4j-plugin-gpiod and pi4j-library-gpiod, to the plugins/ folder beside the"
                + " dpsrig launcher or to DPSRIG_CLASSPATH, or set 'gpio: mock' in the rig file", cause);
    }
}
