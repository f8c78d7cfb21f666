package dev.dpsrig.hil;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves one millisecond each time it is read, so event order shows in the timestamps. */
public final class TickingClock extends Clock {
    private final Instant start = Instant.parse("2025-01-01T00:00:00Z");
    private final AtomicLong reads = new AtomicLong();

    @Override
    public Instant instant() {
        return start.plus(Duration.ofMillis(reads.getAndIncrement()));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
    }
}
