package dev.dpsrig.hil.virtual;

import dev.dpsrig.hil.DigitalOutput;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A digital output that is only a wire in memory: what one side sets, the listeners on the other see at
 * once, on the setting thread. It stands in for a GPIO pin where nothing drives one, e.g. the power line
 * of a virtual board started on its own by {@code dpsrig board emulate}. Listeners see changes only, as
 * an edge-triggered pin reports them.
 */
public final class WireOutput implements DigitalOutput {
    private final String name;
    private final List<LevelListener> listeners = new CopyOnWriteArrayList<>();
    private boolean high;

    public WireOutput(String name, boolean initiallyHigh) {
        this.name = name;
        this.high = initiallyHigh;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public synchronized boolean isHigh() {
        return high;
    }

    /** Changes happen one at a time, so listeners see the levels in the order they were set. */
    @Override
    public synchronized void set(boolean level) {
        if (level == high) {
            return;
        }
        high = level;
        listeners.forEach(listener -> listener.levelChanged(level));
    }

    @Override
    public Subscription onChange(LevelListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public String toString() {
        return "wire " + name + " (" + (isHigh() ? "high" : "low") + ")";
    }
}
