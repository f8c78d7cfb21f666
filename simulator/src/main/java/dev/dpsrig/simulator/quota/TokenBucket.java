package dev.dpsrig.simulator.quota;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * A token bucket: it holds up to {@code capacity} tokens, refills at {@code rate} tokens a second,
 * and each admitted request takes one. A request that finds it empty is told how long until a token
 * is back. Thread-safe; time comes from the injected clock.
 */
final class TokenBucket {
    private final double capacity;
    private final double perNano;
    private final Clock clock;
    private double tokens;
    private long lastNanos;

    TokenBucket(Rate rate, Clock clock) {
        this.capacity = rate.burst();
        this.perNano = rate.perSecond() / 1e9;
        this.clock = clock;
        this.tokens = capacity;
        this.lastNanos = nanos();
    }

    /** Empty when admitted; otherwise how long until a token is available. */
    synchronized Optional<Duration> take() {
        long now = nanos();
        tokens = Math.min(capacity, tokens + (now - lastNanos) * perNano);
        lastNanos = now;
        if (tokens >= 1) {
            tokens -= 1;
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos((long) Math.ceil((1 - tokens) / perNano)));
    }

    private long nanos() {
        var instant = clock.instant();
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
