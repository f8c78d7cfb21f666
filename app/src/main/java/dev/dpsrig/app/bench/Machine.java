package dev.dpsrig.app.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * What a benchmark's figures depend on besides the code: the cores and the Java that ran it, the heap it may use and
 * the load the rest of the machine put on it while it ran. Printed with the figures, so two runs can be compared with
 * judgement on a shared machine.
 */
public final class Machine {
    private static final OperatingSystemMXBean PROCESS = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private Machine() {
    }

    /** {@code <n> cores, Java <version>}. */
    public static String describe() {
        return String.format(Locale.ROOT, "%d cores, Java %s", Runtime.getRuntime().availableProcessors(), Runtime.version());
    }

    /** The most heap this JVM may use, in MB. */
    public static long maxHeapMegabytes() {
        return Runtime.getRuntime().maxMemory() >> 20;
    }

    /** The system's one-minute load average, or a negative number where there is none. */
    public static double loadAverage() {
        return PROCESS.getSystemLoadAverage();
    }

    /**
     * Heap in use once garbage is collected, in bytes: the least of a few readings, each after {@code System.gc()} and
     * a pause for the collector to finish, so that what is counted is what is held.
     */
    public static long heapUsedAfterGc() throws InterruptedException {
        long least = Long.MAX_VALUE;
        for (int reading = 0; reading < 4; reading++) {
            System.gc();
            Thread.sleep(150);
            least = Math.min(least, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return least;
    }

    /** CPU the whole process has used so far, all threads, in nanoseconds. */
    static long processCpuNanos() {
        return PROCESS.getProcessCpuTime();
    }
}
