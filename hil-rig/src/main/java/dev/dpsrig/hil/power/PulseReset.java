package dev.dpsrig.hil.power;

import dev.dpsrig.hil.DigitalOutput;
import dev.dpsrig.hil.Pause;
import dev.dpsrig.hil.RigEvent;
import dev.dpsrig.hil.RigListener;
import dev.dpsrig.hil.Reset;
import java.time.Clock;
import java.time.Duration;

/**
 * Resets a board by asserting its reset line for a fixed width, then releasing it. Reset inputs are
 * usually active low (nRST), so asserting is a low level unless the profile says otherwise. The width
 * is waited through the injected {@link Pause}.
 */
public final class PulseReset implements Reset {
    private final String board;
    private final DigitalOutput line;
    private final boolean activeLow;
    private final Duration width;
    private final Pause pause;
    private final Clock clock;
    private final RigListener listener;

    public PulseReset(String board, DigitalOutput line, boolean activeLow, Duration width, Pause pause, Clock clock,
            RigListener listener) {
        if (width.isNegative() || width.isZero()) {
            throw new IllegalArgumentException("reset pulse width of " + board + " must be positive, not " + width);
        }
        this.board = board;
        this.line = line;
        this.activeLow = activeLow;
        this.width = width;
        this.pause = pause;
        this.clock = clock;
        this.listener = listener;
    }

    /** The level that lets the board run, to claim the line with. */
    public static boolean releasedLevel(boolean activeLow) {
        return activeLow;
    }

    @Override
    public void pulse() {
        listener.event(new RigEvent(clock.instant(), board, RigEvent.Kind.RESET, line.name() + " for " + width.toMillis() + " ms"));
        line.set(!activeLow);
        try {
            pause.pause(width);
        } finally {
            line.set(activeLow);
        }
    }
}
