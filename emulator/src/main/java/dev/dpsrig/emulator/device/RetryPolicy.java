package dev.dpsrig.emulator.device;

import dev.dpsrig.protocol.ConnectFailure;
import java.time.Duration;
import java.util.Optional;

/**
 * How patiently a device works: its overall deadline for registration, each request's timeout, how it
 * reads {@code Retry-After} (used when it is an integer inside the bounds, else the default, as the
 * SDKs do), its exponential backoff with jitter for 429, 5xx, timeouts and dropped connections, and what it does
 * about an endpoint that was never there ({@link #retries}).
 */
public record RetryPolicy(Duration deadline, Duration requestTimeout, Duration defaultPoll, Duration minPoll, Duration maxPoll,
                          Duration backoffBase, Duration backoffMax, double jitter, WhenUnreachable whenUnreachable) {

    /**
     * What a device does when it cannot open a connection at all (refused, unknown host, no route) to an endpoint
     * that has not answered it before: see {@link #retries}.
     */
    public enum WhenUnreachable {
        /** Give up at once: nothing is there, and retrying would only hide that until the deadline. */
        FAIL_FAST,
        /** Back off and try again until the deadline, as firmware waiting for its network or its server does. */
        RETRY
    }

    /**
     * Like the Java and C# SDKs: poll after 2 s without a usable Retry-After; up to 5 minutes in all. An endpoint that
     * cannot be connected to before it has ever answered fails fast.
     */
    public static final RetryPolicy DEFAULTS = new RetryPolicy(Duration.ofMinutes(5), Duration.ofSeconds(30),
            Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofSeconds(1), Duration.ofSeconds(30), 0.25,
            WhenUnreachable.FAIL_FAST);

    public RetryPolicy {
        if (deadline.isNegative() || deadline.isZero() || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("the deadline and request timeout must be positive");
        }
        if (minPoll.compareTo(maxPoll) > 0 || backoffBase.compareTo(backoffMax) > 0) {
            throw new IllegalArgumentException("a lower bound exceeds its upper bound");
        }
        if (jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("jitter is a fraction 0..1, not " + jitter);
        }
        if (whenUnreachable == null) {
            throw new IllegalArgumentException("say what to do when an endpoint is unreachable");
        }
    }

    public RetryPolicy withDeadline(Duration newDeadline) {
        return new RetryPolicy(newDeadline, requestTimeout, defaultPoll, minPoll, maxPoll, backoffBase, backoffMax, jitter,
                whenUnreachable);
    }

    public RetryPolicy withRequestTimeout(Duration timeout) {
        return new RetryPolicy(deadline, timeout, defaultPoll, minPoll, maxPoll, backoffBase, backoffMax, jitter, whenUnreachable);
    }

    public RetryPolicy withPollBounds(Duration defaultWait, Duration min, Duration max) {
        return new RetryPolicy(deadline, requestTimeout, defaultWait, min, max, backoffBase, backoffMax, jitter, whenUnreachable);
    }

    public RetryPolicy withBackoff(Duration base, Duration max, double jitterFraction) {
        return new RetryPolicy(deadline, requestTimeout, defaultPoll, minPoll, maxPoll, base, max, jitterFraction, whenUnreachable);
    }

    public RetryPolicy withUnreachable(WhenUnreachable choice) {
        return new RetryPolicy(deadline, requestTimeout, defaultPoll, minPoll, maxPoll, backoffBase, backoffMax, jitter, choice);
    }

    /**
     * Whether a request that got no answer is tried again (after the backoff, within the deadline). A timeout, a reset,
     * a TLS failure or an answer cut short is: something is there. A connect failure (refused, unknown host, no route)
     * is retried when the endpoint has answered before (it went away and may come back: a restart), or when the
     * policy says {@link WhenUnreachable#RETRY}; otherwise the endpoint was never there, and the device gives up at once.
     *
     * @param connectFailure  why no connection could be opened, or empty when one was (or may have been)
     * @param answeredBefore  whether the endpoint has answered a request before, in this run
     */
    public boolean retries(Optional<ConnectFailure> connectFailure, boolean answeredBefore) {
        return connectFailure.isEmpty() || answeredBefore || whenUnreachable == WhenUnreachable.RETRY;
    }

    /** The wait a poll makes for a {@code Retry-After} header value (absent, non-integer or out of bounds: the default). */
    public Duration pollWait(Optional<String> retryAfter) {
        return retryAfter.flatMap(RetryPolicy::seconds)
                .filter(wait -> wait.compareTo(minPoll) >= 0 && wait.compareTo(maxPoll) <= 0)
                .orElse(defaultPoll);
    }

    /** The backoff before retry number {@code attempt} (1-based), jittered by {@code random} in [0, 1). */
    public Duration backoff(int attempt, double random) {
        long base = backoffBase.toMillis() << Math.min(20, Math.max(0, attempt - 1));
        long capped = Math.min(base, backoffMax.toMillis());
        double factor = 1 - jitter + 2 * jitter * random;
        return Duration.ofMillis(Math.max(1, Math.round(capped * factor)));
    }

    static Optional<Duration> seconds(String header) {
        try {
            long value = Long.parseLong(header.strip());
            return value < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(value));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
