package dev.dpsrig.hil.tethered;

import dev.dpsrig.hil.RigException;
import java.util.List;
import java.util.Optional;

/**
 * A tethered command that failed: the board answered an error, answered nonsense, or did not answer
 * in time on any attempt. Carries the command, the sequence number of the last attempt, the reply
 * (when one came) and the last lines of the console, so the report shows what the board said.
 */
public final class TetheredException extends RigException {
    private final Command command;
    private final int sequence;
    private final int attempts;
    private final Optional<String> reply;
    private final List<String> tail;

    public TetheredException(Command command, int sequence, int attempts, Optional<String> reply, List<String> tail, String reason) {
        super("tethered " + command.word() + " (seq " + sequence + ", " + attempts + " attempt" + (attempts == 1 ? "" : "s")
                + ") failed: " + reason + reply.map(line -> "; reply: " + Frames.abbreviate(line)).orElse("")
                + (tail.isEmpty() ? "; the line carried nothing" : "; last lines:\n  " + String.join("\n  ", tail.stream()
                        .map(Frames::abbreviate).toList())));
        this.command = command;
        this.sequence = sequence;
        this.attempts = attempts;
        this.reply = reply;
        this.tail = List.copyOf(tail);
    }

    public Command command() {
        return command;
    }

    public int sequence() {
        return sequence;
    }

    public int attempts() {
        return attempts;
    }

    /** The reply frame that failed the command; empty when none arrived. */
    public Optional<String> reply() {
        return reply;
    }

    public List<String> tail() {
        return tail;
    }
}
