package dev.dpsrig.app.cli.hub;

import java.time.Duration;
import java.util.Optional;

/**
 * How long a watch has gone without an event, shared by the threads that watch each hub: it expires once the idle
 * limit has passed since the last event (or the start), never when there is no limit.
 */
final class IdleTimer {
    private final Optional<Duration> limit;
    private volatile long lastEventNanos = System.nanoTime();

    IdleTimer(Optional<Duration> limit) {
        this.limit = limit;
    }

    /** An event came: the idle time starts again. */
    void restart() {
        lastEventNanos = System.nanoTime();
    }

    boolean expired() {
        return limit.map(this::remaining).filter(left -> !left.isPositive()).isPresent();
    }

    /** How long the next poll may wait: up to the longest poll, and no longer than the idle time left, in whole seconds, at least one. */
    Duration nextWait(Duration longestPoll) {
        Duration wait = limit.map(this::remaining).filter(left -> left.compareTo(longestPoll) < 0).orElse(longestPoll);
        return Duration.ofSeconds(Math.max(1, (wait.toMillis() + 999) / 1000));
    }

    private Duration remaining(Duration most) {
        return most.minusNanos(System.nanoTime() - lastEventNanos);
    }
}
