package dev.dpsrig.hil.check;

import dev.dpsrig.hil.Console;
import dev.dpsrig.hil.ConsoleMatch;
import dev.dpsrig.hil.ConsoleTimeoutException;
import dev.dpsrig.hil.Pause;
import dev.dpsrig.hil.board.Board;
import dev.dpsrig.hil.config.ProbeConfig;
import java.time.Duration;

/**
 * Powers a console board on if it is off, sends the profile's probe line and waits for the expected
 * answer. Lines left from before the probe are dropped, so only an answer received now counts. A board
 * just powered on is still in its boot ROM and misses what is sent then, so the probe line is sent
 * again every {@value #RESEND_MILLIS} ms until the answer comes or the probe's timeout is spent. A console
 * with local echo sends the probe line back first: that echo is not the answer, even where the expected
 * pattern would match it.
 */
public final class ConsoleProbe implements BoardProbe {
    static final long RESEND_MILLIS = 1000;

    @Override
    public String probe(Board board) {
        ProbeConfig probe = board.profile().probe();
        Console console = board.console();
        console.discardPending();
        if (!board.power().isOn()) {
            board.power().on();
        }
        long deadline = System.nanoTime() + probe.timeout().toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new ConsoleTimeoutException(console.name(), probe.expect(), probe.timeout(), console.tail(20));
            }
            Duration slice = Duration.ofNanos(Math.min(left, Duration.ofMillis(RESEND_MILLIS).toNanos()));
            long sent = System.nanoTime();
            console.sendLine(probe.send());
            try {
                return answer(console, probe, slice);
            } catch (ConsoleTimeoutException notYet) {
                // Not booted yet, or the line was lost: ask again while time is left. A console at its end of
                // input answers at once; waiting out the slice keeps that from spinning.
                Pause.SLEEPING.pause(slice.minusNanos(System.nanoTime() - sent));
            }
        }
    }

    /** The first line matching the probe's pattern within {@code slice} that is not the echo of the probe line. */
    private static String answer(Console console, ProbeConfig probe, Duration slice) {
        long end = System.nanoTime() + slice.toNanos();
        while (true) {
            ConsoleMatch match = console.expect(probe.expect(), Duration.ofNanos(Math.max(0, end - System.nanoTime())));
            if (!match.line().equals(probe.send())) {
                return match.line();
            }
        }
    }
}
