package dev.dpsrig.hil.power;

import dev.dpsrig.hil.DigitalOutput;
import dev.dpsrig.hil.Power;
import dev.dpsrig.hil.RigEvent;
import dev.dpsrig.hil.RigListener;
import java.time.Clock;

/**
 * A board's supply switched by one output, through a relay or a load switch. Many of those switch on
 * when their control pin is pulled low, so "on" is a level chosen by {@code activeLow}, not always high.
 */
public final class OutputPower implements Power {
    private final String board;
    private final DigitalOutput line;
    private final boolean activeLow;
    private final Clock clock;
    private final RigListener listener;

    public OutputPower(String board, DigitalOutput line, boolean activeLow, Clock clock, RigListener listener) {
        this.board = board;
        this.line = line;
        this.activeLow = activeLow;
        this.clock = clock;
        this.listener = listener;
    }

    /** The level that keeps the board unpowered, to claim the line with. */
    public static boolean offLevel(boolean activeLow) {
        return activeLow;
    }

    @Override
    public void on() {
        line.set(!activeLow);
        listener.event(new RigEvent(clock.instant(), board, RigEvent.Kind.POWER_ON, line.name()));
    }

    @Override
    public void off() {
        line.set(activeLow);
        listener.event(new RigEvent(clock.instant(), board, RigEvent.Kind.POWER_OFF, line.name()));
    }

    @Override
    public boolean isOn() {
        return line.isHigh() != activeLow;
    }
}
