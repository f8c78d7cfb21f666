/**
 * Boards on a test rig: capabilities (power, reset, console, digital I/O), their GPIO and serial
 * drivers, board strategies and the virtual board used where no hardware is attached.
 */
package dev.dpsrig.hil;
