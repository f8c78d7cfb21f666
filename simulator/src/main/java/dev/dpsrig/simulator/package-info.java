/**
 * The DPS and IoT Hub side of dpsrig: the wire contract ({@code protocol}), the device emulator and
 * fleet runner ({@code device}, {@code fleet}) and the local DPS + IoT Hub simulator ({@code service}).
 */
package dev.dpsrig.simulator;
