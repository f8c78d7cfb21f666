package dev.dpsrig.hil.board;

import dev.dpsrig.hil.Console;
import dev.dpsrig.hil.ConsoleMatch;
import dev.dpsrig.hil.RigException;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The steps of a console-mode board, whose own firmware registers and says so on its console. */
public final class ConsoleTransitions {
    private ConsoleTransitions() {
    }

    /** Powers the board on from off (after the console forgets old noise) and waits for its boot pattern. */
    public static Transition boot() {
        return (board, deadline) -> {
            if (board.power().isOn()) {
                board.power().off();
            }
            board.console().discardPending();
            board.power().on();
            expect(board, "boot", required(board, board.profile().patterns().boot(), "boot"), deadline);
        };
    }

    /** Waits for the pattern the booted board prints once it is provisioned. */
    public static Transition provisioned() {
        return (board, deadline) -> expect(board, "provisioned",
                required(board, board.profile().patterns().provisioned(), "provisioned"), deadline);
    }

    /**
     * Waits for {@code wanted}, but stops at the first line matching the profile's failure pattern: a board
     * that printed "registration failed" will not print "assigned" however long it is given.
     */
    static ConsoleMatch expect(Board board, String what, Pattern wanted, Duration deadline) {
        Optional<Pattern> failure = board.profile().patterns().failure();
        Console console = board.console();
        if (failure.isEmpty()) {
            return console.expect(wanted, deadline);
        }
        Pattern either = Pattern.compile("(?:" + wanted.pattern() + ")|(?:" + failure.get().pattern() + ")", wanted.flags());
        ConsoleMatch match = console.expect(either, deadline);
        if (failure.get().matcher(match.line()).find()) {
            throw new RigException(board.name() + " printed a failure while waiting for its " + what + " pattern /" + wanted.pattern()
                    + "/: '" + match.line() + "' matches /" + failure.get().pattern() + "/; its last lines were:\n  "
                    + String.join("\n  ", console.tail(20)));
        }
        Matcher matcher = wanted.matcher(match.line());
        if (!matcher.find()) {
            throw new IllegalStateException("line '" + match.line() + "' matched /" + either.pattern() + "/ but neither part");
        }
        return ConsoleMatch.of(match.line(), match.receivedAt(), matcher);
    }

    private static Pattern required(Board board, Optional<Pattern> pattern, String name) {
        return pattern.orElseThrow(() -> new RigException(board.name() + " has no console." + name + " pattern in "
                + board.profile().source() + "; a console-mode board needs one"));
    }
}
