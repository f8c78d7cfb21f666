package dev.dpsrig.simulator.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class GroupCommitTest {

    @Test
    void everyWriterReturnsOnlyAfterAForceThatBeganAfterItsChange() throws InterruptedException {
        AtomicLong started = new AtomicLong();
        AtomicLong completedStartedAs = new AtomicLong();
        DurableFiles.GroupCommit commit = new DurableFiles.GroupCommit(() -> {
            long mine = started.incrementAndGet();
            Thread.onSpinWait();
            completedStartedAs.accumulateAndGet(mine, Math::max);
        });
        List<String> violations = new CopyOnWriteArrayList<>();
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < 32; w++) {
            writers.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 200; i++) {
                    long forcesBefore = started.get();
                    try {
                        commit.awaitDurable(commit.changed());
                    } catch (IOException e) {
                        violations.add(e.toString());
                    }
                    if (completedStartedAs.get() <= forcesBefore) {
                        violations.add("returned with no force begun after its change");
                    }
                }
            }));
        }
        for (Thread writer : writers) {
            writer.join();
        }

        assertThat(violations).isEmpty();
        assertThat(started.get()).as("forces shared between writers").isLessThanOrEqualTo(32 * 200);
    }

    @Test
    void aFailedForceFailsItsWriterAndTheNextWriterForcesAgain() throws IOException {
        AtomicBoolean fail = new AtomicBoolean(true);
        AtomicLong forces = new AtomicLong();
        DurableFiles.GroupCommit commit = new DurableFiles.GroupCommit(() -> {
            forces.incrementAndGet();
            if (fail.getAndSet(false)) {
                throw new IOException("disk gone");
            }
        });

        long first = commit.changed();
        assertThatThrownBy(() -> commit.awaitDurable(first)).hasMessage("disk gone");
        commit.awaitDurable(first);

        assertThat(forces.get()).isEqualTo(2);
    }
}
