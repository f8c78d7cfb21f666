package dev.dpsrig.app.cli.hub.benchmark;

import dev.dpsrig.app.bench.Machine;
import dev.dpsrig.simulator.server.LocalSimulator;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Heap per idle connected MQTT device, on each side measured in its own JVM: the devices live in a child process
 * ({@link IdleDeviceProcess}, the same classes on the same Java), the simulator in this one. Each side takes its heap
 * in use after GC once the devices are registered and again once each holds its connection to its hub, subscribed and
 * idle; the difference over the devices is each side's share of an idle connection. Heap only: thread stacks of
 * platform threads and direct buffers are outside it.
 */
final class IdleHeap {
    private static final long CHILD_EXIT_SECONDS = 60;

    private IdleHeap() {
    }

    /** Measures and prints the two lines; answers whether the devices all registered and connected. */
    static boolean measure(PrintWriter out, LocalSimulator simulator, String groupKey, int count, int concurrency)
            throws IOException, InterruptedException {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), IdleDeviceProcess.class.getName(),
                simulator.devSettingsFile().toString(), Integer.toString(count), Integer.toString(concurrency))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedWriter to = child.outputWriter(); BufferedReader from = child.inputReader()) {
            tell(to, groupKey);
            await(from, "registered");
            long serverBefore = Machine.heapUsedAfterGc();
            tell(to, "connect");
            String[] connected = await(from, "connected");
            long serverAfter = Machine.heapUsedAfterGc();
            tell(to, "close");
            long clientBefore = Long.parseLong(connected[1]);
            long clientAfter = Long.parseLong(connected[2]);
            out.printf(Locale.ROOT, "idle MQTT devices: %d registered over MQTT and connected to their hub by a child JVM (pid %d),"
                    + " a connection each, subscribed, idle; heap in use after GC on each side, before and after they connected"
                    + " (heap only: platform thread stacks and direct buffers are not in it)%n", count, child.pid());
            line(out, "simulator, this JVM", serverBefore, serverAfter, count);
            line(out, "emulator, the child JVM", clientBefore, clientAfter, count);
            return true;
        } catch (IOException e) {
            out.println("idle MQTT devices: FAILED: " + e.getMessage());
            return false;
        } finally {
            out.flush();
            if (!child.waitFor(CHILD_EXIT_SECONDS, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        }
    }

    private static void line(PrintWriter out, String side, long before, long after, int count) {
        out.printf(Locale.ROOT, "heap per idle connected device, %-24s %7.1f KB  (%.1f MB before, %.1f MB after, %d devices)%n",
                side + ":", (after - before) / 1024.0 / count, before / 1048576.0, after / 1048576.0, count);
    }

    private static void tell(BufferedWriter to, String line) throws IOException {
        to.write(line);
        to.newLine();
        to.flush();
    }

    /** The child's next line that starts with {@code word}, split at spaces; its failure, or its end, is an error. */
    private static String[] await(BufferedReader from, String word) throws IOException {
        for (String line = from.readLine(); line != null; line = from.readLine()) {
            if (line.startsWith(word + " ")) {
                return line.split(" ");
            }
            if (line.startsWith("failed ")) {
                throw new IOException("the device process " + line);
            }
        }
        throw new IOException("the device process ended before it said " + word);
    }
}
