/**
 * Pseudo-terminal pairs opened by the JVM itself through the C library (JNA), so a virtual board needs
 * no helper program. The only package that uses JNA.
 */
package dev.dpsrig.hil.pty;
