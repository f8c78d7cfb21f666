package dev.dpsrig.hil.config;

/** One GPIO line of a board: its BCM pin and whether its active state is the low level. */
public record LineConfig(int pin, boolean activeLow) {

    /** The line in tables and messages: {@code GPIO 17 (active low)}. */
    public String describe() {
        return "GPIO " + pin + (activeLow ? " (active low)" : "");
    }
}
