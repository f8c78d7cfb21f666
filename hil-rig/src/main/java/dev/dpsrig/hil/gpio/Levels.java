package dev.dpsrig.hil.gpio;

/** How levels read in messages and events. */
final class Levels {
    private Levels() {
    }

    static String word(boolean high) {
        return high ? "high" : "low";
    }
}
