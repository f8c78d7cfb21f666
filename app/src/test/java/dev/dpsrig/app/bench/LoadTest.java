package dev.dpsrig.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The harness counts what the operations answer, and runs each item once or each operation until the time is up. */
class LoadTest {
    @Test
    void eachItemIsDoneOnceWhateverTheConcurrency() throws Exception {
        List<Integer> items = IntStream.range(0, 1000).boxed().toList();
        Set<Integer> seen = ConcurrentHashMap.newKeySet();
        AtomicInteger runs = new AtomicInteger();

        Phase phase = Load.each(items, 7, item -> {
            runs.incrementAndGet();
            seen.add(item);
            return Outcome.expected(2);
        });

        assertThat(runs).hasValue(1000);
        assertThat(seen).hasSize(1000);
        assertThat(phase.tally().expected()).isEqualTo(1000);
        assertThat(phase.tally().completed()).isEqualTo(1000);
        assertThat(phase.tally().requests()).isEqualTo(2000);
        assertThat(phase.tally().failed()).isZero();
        assertThat(phase.tally().firstProblem()).isEmpty();
    }

    @Test
    void wrongAnswersAndErrorsAreCountedApartAndTheFirstProblemIsKept() throws Exception {
        Phase phase = Load.each(List.of(0, 1, 2, 3), 1, item -> switch (item) {
            case 0 -> Outcome.expected();
            case 1 -> Outcome.unexpected("answered 500, not 401");
            case 2 -> throw new IllegalStateException("connection reset");
            default -> Outcome.unexpected(3, "answered 404");
        });

        Tally tally = phase.tally();
        assertThat(tally.expected()).isEqualTo(1);
        assertThat(tally.unexpected()).isEqualTo(2);
        assertThat(tally.errors()).isEqualTo(1);
        assertThat(tally.completed()).isEqualTo(3);
        assertThat(tally.failed()).isEqualTo(3);
        assertThat(tally.requests()).isEqualTo(3);
        assertThat(tally.firstProblem()).hasValue("answered 500, not 401");
    }

    @Test
    void eachOperationRepeatsOnItsOwnWorkerUntilTheTimeIsUp() throws Exception {
        AtomicInteger first = new AtomicInteger();
        AtomicInteger second = new AtomicInteger();
        List<Operation> operations = List.of(() -> {
            first.incrementAndGet();
            return Outcome.expected();
        }, () -> {
            second.incrementAndGet();
            Thread.sleep(1);
            return Outcome.expected();
        });

        Phase phase = Load.repeat(Duration.ofMillis(200), operations);

        assertThat(first.get()).isPositive();
        assertThat(second.get()).isPositive();
        assertThat(phase.tally().expected()).isEqualTo(first.get() + second.get());
        assertThat(phase.seconds()).isGreaterThanOrEqualTo(0.2);
    }

    @Test
    void figuresAreTheRateLatenciesAndCpuOfTheRunsCounted() {
        Tally tally = new Tally();
        tally.record(Outcome.expected(), 1_000_000);
        tally.record(Outcome.expected(), 1_000_000);

        String figures = new Phase(tally, 2.0, 0.5).figures("widgets/s", 2);

        assertThat(figures).isEqualTo("      1.0 widgets/s        p50    1.00 ms  p99    1.00 ms  (2 in 2.0 s, 250.000 ms CPU each, 0.25 cores busy");
    }
}
