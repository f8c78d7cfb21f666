package dev.dpsrig.hil;

/** One GPIO line of the rig, named as the rig file names it. */
public interface DigitalLine {

    /** The name the rig file gives this line, for logs and error messages. */
    String name();

    /** The electrical level now: {@code true} is high. */
    boolean isHigh();

    /**
     * Calls {@code listener} with the new level on every change, on a driver thread, until the returned
     * subscription is closed. A virtual board watches its power line this way.
     */
    Subscription onChange(LevelListener listener);

    @FunctionalInterface
    interface LevelListener {
        void levelChanged(boolean high);
    }

    /** Stops a listener; closing twice is harmless. */
    @FunctionalInterface
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
