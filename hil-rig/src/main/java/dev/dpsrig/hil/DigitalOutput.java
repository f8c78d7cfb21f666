package dev.dpsrig.hil;

/** A line the rig drives: a relay, a reset pin, a boot-mode strap. */
public interface DigitalOutput extends DigitalLine {

    void set(boolean high);
}
