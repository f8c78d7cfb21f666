package dev.dpsrig.simulator.quota;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dpsrig.simulator.dps.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));

    @Test
    void startsFullAndAdmitsOnePeriodsWorthAtOnce() {
        TokenBucket bucket = new TokenBucket(Rate.parse("10/min"), clock);

        assertThat(IntStream.range(0, 10).mapToObj(i -> bucket.take())).allMatch(Optional::isEmpty);
        assertWait(bucket.take(), Duration.ofSeconds(6));
    }

    @Test
    void refillsAtTheRate() {
        TokenBucket bucket = new TokenBucket(Rate.parse("10/min"), clock);
        drain(bucket);

        clock.advance(Duration.ofSeconds(4));
        assertWait(bucket.take(), Duration.ofSeconds(2));
        clock.advance(Duration.ofSeconds(2));
        assertThat(bucket.take()).isEmpty();
        assertWait(bucket.take(), Duration.ofSeconds(6));

        clock.advance(Duration.ofSeconds(30));
        assertThat(IntStream.range(0, 6).mapToObj(i -> bucket.take().isEmpty()).toList())
                .as("30 s refill 5 tokens").containsExactly(true, true, true, true, true, false);
    }

    @Test
    void holdsNoMoreThanItsBurst() {
        TokenBucket bucket = new TokenBucket(Rate.parse("5/10s"), clock);
        drain(bucket);

        clock.advance(Duration.ofHours(1));

        assertThat(IntStream.range(0, 6).mapToObj(i -> bucket.take().isEmpty()).toList())
                .containsExactly(true, true, true, true, true, false);
    }

    @Test
    void aRateBelowOneAPeriodStillAdmitsOneRequest() {
        TokenBucket bucket = new TokenBucket(Rate.parse("0.5/s"), clock);

        assertThat(bucket.take()).isEmpty();
        assertWait(bucket.take(), Duration.ofSeconds(2));
        clock.advance(Duration.ofSeconds(2));
        assertThat(bucket.take()).isEmpty();
    }

    @Test
    void aRefusalTakesNoToken() {
        TokenBucket bucket = new TokenBucket(Rate.parse("1/s"), clock);
        bucket.take();

        for (int i = 0; i < 5; i++) {
            assertThat(bucket.take()).isPresent();
        }
        clock.advance(Duration.ofSeconds(1));

        assertThat(bucket.take()).isEmpty();
    }

    /** The wait a refused request is told, to the microsecond (the bucket counts in floating point). */
    private static void assertWait(Optional<Duration> wait, Duration expected) {
        assertThat(wait).as("refused").isPresent();
        assertThat(Math.abs(wait.get().toNanos() - expected.toNanos())).as("wait %s, expected %s", wait.get(), expected)
                .isLessThanOrEqualTo(1_000);
    }

    private static void drain(TokenBucket bucket) {
        while (bucket.take().isEmpty()) {
            // take every token
        }
    }
}
