package dev.dpsrig.hil.board;

import dev.dpsrig.hil.RigEvent;
import dev.dpsrig.hil.RigException;
import dev.dpsrig.hil.RigListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Moves a board between OFF, BOOTED and PROVISIONED, one {@link Transition} at a time, each within the
 * profile's deadline. A failed transition latches the board BROKEN: whatever state it is really in is
 * unknown, so every later move is refused with the original failure until {@link #recover()} power-cycles
 * it. Every step is reported as paired TRANSITION_STARTED / TRANSITION_ENDED (or TRANSITION_FAILED) events.
 */
public final class BoardStrategy {
    private final Board board;
    private final Transition boot;
    private final Transition provision;
    private final Clock clock;
    private final RigListener listener;
    private BoardState state = BoardState.OFF;
    private Optional<RigException> failure = Optional.empty();

    public BoardStrategy(Board board, Transition boot, Transition provision, Clock clock, RigListener listener) {
        this.board = board;
        this.boot = boot;
        this.provision = provision;
        this.clock = clock;
        this.listener = listener;
    }

    /** A console-mode board: the boot and provisioned patterns on its console. */
    public static BoardStrategy console(Board board, Clock clock, RigListener listener) {
        return new BoardStrategy(board, ConsoleTransitions.boot(), ConsoleTransitions.provisioned(), clock, listener);
    }

    public Board board() {
        return board;
    }

    public synchronized BoardState state() {
        return state;
    }

    /** Why the board is BROKEN, while it is. */
    public synchronized Optional<RigException> failure() {
        return failure;
    }

    /**
     * Brings the board to {@code target}: OFF cuts the power; a state above the current one runs the
     * transitions in between; a state below (PROVISIONED to BOOTED) cuts the power and starts again.
     */
    public synchronized void moveTo(BoardState target) {
        if (target == BoardState.BROKEN) {
            throw new IllegalArgumentException("BROKEN is where a failed transition leaves a board, not a target");
        }
        if (failure.isPresent()) {
            throw new BoardBrokenException(board.name(), failure.get());
        }
        if (target == state) {
            return;
        }
        if (target.ordinal() < state.ordinal()) {
            step(BoardState.OFF, (b, deadline) -> b.power().off(), Duration.ZERO);
        }
        while (state.ordinal() < target.ordinal()) {
            switch (state) {
                case OFF -> step(BoardState.BOOTED, boot, board.profile().deadlines().boot());
                case BOOTED -> step(BoardState.PROVISIONED, provision, board.profile().deadlines().provision());
                default -> throw new IllegalStateException("no transition from " + state);
            }
        }
    }

    /** Power-cycles a board out of BROKEN (or any state) to OFF, clearing the latch. */
    public synchronized void recover() {
        board.power().off();
        emit(RigEvent.Kind.NOTE, "recovered from " + state + " by cutting the power"
                + failure.map(e -> "; it had failed: " + e.getMessage().lines().findFirst().orElse("")).orElse(""));
        failure = Optional.empty();
        state = BoardState.OFF;
    }

    private void step(BoardState to, Transition transition, Duration deadline) {
        BoardState from = state;
        String name = from + " -> " + to;
        Instant started = clock.instant();
        emit(RigEvent.Kind.TRANSITION_STARTED, name + (deadline.isZero() ? "" : " (deadline " + deadline.toMillis() + " ms)"));
        try {
            transition.run(board, deadline);
        } catch (RuntimeException e) {
            RigException cause = new RigException(board.name() + ": " + name + " failed: " + e.getMessage(), e);
            failure = Optional.of(cause);
            state = BoardState.BROKEN;
            emit(RigEvent.Kind.TRANSITION_FAILED, name + ": " + e.getMessage());
            throw cause;
        }
        state = to;
        emit(RigEvent.Kind.TRANSITION_ENDED, name + " in " + Duration.between(started, clock.instant()).toMillis() + " ms");
    }

    private void emit(RigEvent.Kind kind, String detail) {
        listener.event(new RigEvent(clock.instant(), board.name(), kind, detail));
    }
}
