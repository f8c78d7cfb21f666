package dev.dpsrig.hil;

/** Holds a board in reset for the driver's pulse width, then releases it. */
public interface Reset {

    void pulse();
}
