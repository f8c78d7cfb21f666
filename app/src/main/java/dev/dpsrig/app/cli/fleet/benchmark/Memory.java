package dev.dpsrig.app.cli.fleet.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Locale;

/**
 * What a fleet weighs: heap per idle registered device, and the process's peak resident set per section. A fleet
 * runner's size on a small machine is decided by these as much as by any rate.
 */
final class Memory {
    private Memory() {
    }

    /** Used heap after GC with the fleet held, then without it: the difference is the devices' own. Empties the fleet. */
    static void heapPerDevice(FleetBench bench, ArrayList<?> fleet, String kind) {
        int count = fleet.size();
        long held = usedAfterGc();
        fleet.clear();
        fleet.trimToSize();
        long released = usedAfterGc();
        bench.line("heap per idle registered %s device: %.1f KB (%d devices, %.1f MB held, after System.gc())",
                kind, (held - released) / 1024.0 / count, count, (held - released) / 1048576.0);
    }

    private static long usedAfterGc() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    /** The process's peak resident set (VmHWM) since the last {@link #resetPeakRss}, in MB, or why it is unknown. */
    static String peakRss() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM:"))
                    .map(l -> String.format(Locale.ROOT, "%.0f MB", Long.parseLong(l.replaceAll("\\D", "")) / 1024.0)).findFirst()
                    .orElse("unknown");
        } catch (IOException | RuntimeException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    /** Linux resets VmHWM to the current RSS when 5 is written to clear_refs; where it cannot, the peak is the run's so far. */
    static void resetPeakRss() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        } catch (IOException | RuntimeException e) {
            // the peak stays cumulative
        }
    }
}
