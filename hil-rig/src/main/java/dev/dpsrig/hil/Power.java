package dev.dpsrig.hil;

/** Switches a board's supply. */
public interface Power {

    void on();

    void off();

    boolean isOn();
}
