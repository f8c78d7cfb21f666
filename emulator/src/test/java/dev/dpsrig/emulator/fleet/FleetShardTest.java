package dev.dpsrig.emulator.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class FleetShardTest {
    @Test
    void shardsPartitionTheFleetExactly() {
        for (int devices : new int[] {1, 2, 3, 7, 100, 2001}) {
            for (int count = 1; count <= 9; count++) {
                List<Long> all = new ArrayList<>();
                int total = 0;
                for (int index = 0; index < count; index++) {
                    Shard shard = new Shard(index, count);
                    int size = shard.size(devices);
                    total += size;
                    IntStream.range(0, size).mapToObj(shard::deviceIndex).forEach(i -> {
                        assertThat(shard.contains(i)).isTrue();
                        all.add(i);
                    });
                }
                assertThat(total).isEqualTo(devices);
                assertThat(all).containsExactlyInAnyOrderElementsOf(LongStream.range(0, devices).boxed().toList());
            }
        }
    }

    @Test
    void interleavedNotContiguous() {
        Shard shard = Shard.parse("1/4");
        assertThat(IntStream.range(0, 3).mapToObj(shard::deviceIndex).toList()).containsExactly(1L, 5L, 9L);
        assertThat(shard.size(10)).isEqualTo(3);
        assertThat(new Shard(3, 4).size(3)).isZero();
        assertThat(shard).hasToString("1/4");
    }

    @Test
    void jobCompletionIndexStandsInForTheShardIndex() {
        assertThat(Shard.resolve(Optional.empty(), Optional.of(8), Optional.of("5"))).isEqualTo(new Shard(5, 8));
        assertThat(Shard.resolve(Optional.of("2/8"), Optional.of(8), Optional.of("5"))).isEqualTo(new Shard(2, 8));
        assertThat(Shard.resolve(Optional.empty(), Optional.empty(), Optional.of("5"))).isEqualTo(Shard.WHOLE);
        assertThatThrownBy(() -> Shard.resolve(Optional.empty(), Optional.of(8), Optional.empty()))
                .hasMessageContaining("JOB_COMPLETION_INDEX");
        assertThatThrownBy(() -> Shard.resolve(Optional.empty(), Optional.of(4), Optional.of("4"))).hasMessageContaining("4/4");
        assertThatThrownBy(() -> Shard.resolve(Optional.of("1/2"), Optional.of(4), Optional.empty())).hasMessageContaining("disagree");
        assertThatThrownBy(() -> Shard.parse("3")).hasMessageContaining("I/N");
        assertThatThrownBy(() -> Shard.parse("a/b")).hasMessageContaining("whole numbers");
    }

    @Test
    void deviceSeedsDependOnSeedAndIndexOnly() {
        assertThat(FleetRunner.deviceSeed(1, 5, 2)).isEqualTo(FleetRunner.deviceSeed(1, 5, 2))
                .isNotEqualTo(FleetRunner.deviceSeed(1, 6, 2)).isNotEqualTo(FleetRunner.deviceSeed(2, 5, 2))
                .isNotEqualTo(FleetRunner.deviceSeed(1, 5, 1));
    }
}
