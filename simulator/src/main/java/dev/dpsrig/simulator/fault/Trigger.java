package dev.dpsrig.simulator.fault;

import java.time.Duration;

/**
 * When a rule strikes among the calls it matches. Calls are counted per device, so "the first
 * register" means each device's first, whatever the order a fleet's devices interleave in.
 */
public sealed interface Trigger {

    /** Every matching call. */
    record Always() implements Trigger {
    }

    /** A device's calls {@code from..to} (1-based, inclusive); {@code from == to} is "the nth call". */
    record Calls(long from, long to) implements Trigger {
        public Calls {
            if (from < 1 || to < from) {
                throw new IllegalArgumentException("calls " + from + ".." + to + ": the range starts at 1 or later and does not run backwards");
            }
        }
    }

    /**
     * Each matching call with this probability, decided by a hash of the seed, the rule, the device and
     * the device's call number: the same seed and the same calls give the same faults, run after run.
     */
    record Probability(double probability, long seed) implements Trigger {
        public Probability {
            if (!(probability > 0 && probability <= 1)) {
                throw new IllegalArgumentException("a probability is in (0, 1], not " + probability);
            }
        }
    }

    /** Calls made between {@code from} and {@code to} after the rule was armed. */
    record Window(Duration from, Duration to) implements Trigger {
        public Window {
            if (from.isNegative() || to.compareTo(from) <= 0) {
                throw new IllegalArgumentException("a window " + from + ".." + to + " must start at 0 or later and end after it starts");
            }
        }
    }
}
