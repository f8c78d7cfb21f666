package dev.dpsrig.app.bench;

import java.util.Locale;

/**
 * One phase of a measurement (a warm-up, a measured stretch, a fleet registering): its tally, how long it took, and
 * the CPU the whole process spent meanwhile. Server and clients share the process, so that CPU is both sides' together,
 * a figure other load on the machine barely moves.
 */
public record Phase(Tally tally, double seconds, double cpuSeconds) {
    /** Runs that completed, as expected or not, per second. */
    public double completedPerSecond() {
        return perSecond(tally.completed());
    }

    /** Runs that went as expected, per second. */
    public double expectedPerSecond() {
        return perSecond(tally.expected());
    }

    private double perSecond(long count) {
        return count / seconds;
    }

    /**
     * The figures every benchmark line has, for {@code count} runs of the phase:
     * {@code <rate> <unit> p50 <ms> ms  p99 <ms> ms  (<count> in <s> s, <ms> ms CPU each, <n> cores busy}; each
     * command puts its label before and its own counts after.
     */
    public String figures(String unit, long count) {
        return String.format(Locale.ROOT, "%9.1f %-16s p50 %7.2f ms  p99 %7.2f ms  (%d in %.1f s, %.3f ms CPU each, %.2f cores busy",
                perSecond(count), unit, tally.p50Millis(), tally.p99Millis(), count, seconds, cpuSeconds * 1000 / Math.max(1, count),
                cpuSeconds / seconds);
    }
}
