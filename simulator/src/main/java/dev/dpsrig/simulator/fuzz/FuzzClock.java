package dev.dpsrig.simulator.fuzz;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The simulator's clock during a fuzz run: it stands still while a request is in flight, so that
 * what the state looks like before and after a request differs only by what the request did (a lock
 * running out between the two snapshots is not the request's doing), and moves only between requests,
 * when the fuzzer lets cloud-to-device locks expire.
 */
final class FuzzClock extends Clock {
    private volatile Instant now;

    FuzzClock(Instant start) {
        this.now = start;
    }

    void advance(Duration duration) {
        now = now.plus(duration);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
