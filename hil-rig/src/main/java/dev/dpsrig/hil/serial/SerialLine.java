package dev.dpsrig.hil.serial;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * An open serial port as bytes in and out. Reads wait at most the port's read timeout: they then answer
 * 0 bytes or throw {@link java.io.InterruptedIOException}, which both mean "nothing yet".
 *
 * @param name the port as the rig file names it, with the device it resolved to
 * @param closer closes the port
 */
public record SerialLine(String name, InputStream in, OutputStream out, AutoCloseable closer) { }
