package dev.dpsrig.hil.gpio;

import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.DigitalStateChangeListener;
import dev.dpsrig.hil.DigitalOutput;
import dev.dpsrig.hil.RigEvent;
import dev.dpsrig.hil.RigException;
import dev.dpsrig.hil.RigListener;
import java.time.Clock;

/** A claimed Pi4J output; every {@link #set} is reported as a {@code LINE_SET} event, changed or not. */
final class Pi4jOutput implements DigitalOutput {
    private final String board;
    private final String name;
    private final int pin;
    private final com.pi4j.io.gpio.digital.DigitalOutput line;
    private final Clock clock;
    private final RigListener listener;

    Pi4jOutput(String board, String name, int pin, com.pi4j.io.gpio.digital.DigitalOutput line, Clock clock, RigListener listener) {
        this.board = board;
        this.name = name;
        this.pin = pin;
        this.line = line;
        this.clock = clock;
        this.listener = listener;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean isHigh() {
        return line.isHigh();
    }

    @Override
    public void set(boolean high) {
        try {
            line.state(DigitalState.getState(high));
        } catch (RuntimeException e) {
            throw new RigException("could not drive " + board + " " + name + " (GPIO " + pin + ") " + Levels.word(high) + ": "
                    + e.getMessage(), e);
        }
        listener.event(new RigEvent(clock.instant(), board, RigEvent.Kind.LINE_SET, name + " GPIO " + pin + " " + Levels.word(high)));
    }

    @Override
    public Subscription onChange(LevelListener levelListener) {
        DigitalStateChangeListener forward = event -> levelListener.levelChanged(event.state().isHigh());
        line.addListener(forward);
        return () -> line.removeListener(forward);
    }

    @Override
    public String toString() {
        return board + " " + name + " (GPIO " + pin + " out)";
    }
}
