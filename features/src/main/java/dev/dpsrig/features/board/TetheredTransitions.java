package dev.dpsrig.features.board;

import dev.dpsrig.hil.board.Board;
import dev.dpsrig.hil.board.Transition;
import dev.dpsrig.hil.tethered.Command;
import dev.dpsrig.hil.tethered.LinkSettings;
import dev.dpsrig.hil.tethered.TetheredException;
import dev.dpsrig.hil.tethered.TetheredLink;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/** The boot step of a board that keeps its key: powered on, it has booted once it answers HELLO. */
public final class TetheredTransitions {
    private TetheredTransitions() {
    }

    /**
     * Powers the board on (after the console forgets old noise), waits for its boot banner if its profile
     * names one, then asks HELLO until the board answers or the boot deadline passes, on the board's one
     * link (so its sequence numbers run on across the attempts and into registration).
     */
    public static Transition boot(Function<Board, TetheredLink> links) {
        return (board, deadline) -> {
            long end = System.nanoTime() + deadline.toNanos();
            if (board.power().isOn()) {
                board.power().off();
            }
            board.console().discardPending();
            board.power().on();
            board.profile().patterns().boot().ifPresent(banner -> board.console().expect(banner, deadline));
            TetheredException last = null;
            while (System.nanoTime() < end) {
                Duration left = Duration.ofNanos(end - System.nanoTime());
                TetheredLink link = links.apply(board).withSettings(
                        LinkSettings.defaults().withTimeout(Command.HELLO, min(left, Duration.ofSeconds(1))).withAttempts(1));
                try {
                    link.hello();
                    return;
                } catch (TetheredException e) {
                    last = e;
                }
            }
            throw Optional.ofNullable(last).orElseGet(() -> new TetheredException(Command.HELLO, 0, 0, Optional.empty(),
                    board.console().tail(20), board.name() + " was not asked HELLO before its boot deadline"));
        };
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) < 0 ? a : b;
    }
}
