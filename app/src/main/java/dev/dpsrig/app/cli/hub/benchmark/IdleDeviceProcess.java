package dev.dpsrig.app.cli.hub.benchmark;

import dev.dpsrig.app.bench.Machine;
import dev.dpsrig.app.bench.Transport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The process that holds {@code dpsrig hub benchmark}'s idle devices, so that the heap they take on the emulator's side
 * and on the simulator's are each measured in a JVM of their own. Its arguments: the simulator's settings file, how many
 * devices, how many register and connect at once. It talks with the benchmark line by line over its standard streams:
 * it reads the symmetric-key group's key, registers the devices over MQTT and says {@code registered <n>}; told
 * {@code connect}, it connects each to its hub and says {@code connected <before> <after>}, its heap in use after GC
 * before and after in bytes; told {@code close}, it disconnects them and ends. Anything wrong: {@code failed <why>}
 * and exit code 1.
 */
public final class IdleDeviceProcess {
    private IdleDeviceProcess() {
    }

    /**
     * Runs the idle devices for the benchmark that started this process.
     *
     * @param args the simulator's settings file, how many devices, how many register and connect at once
     */
    public static void main(String[] args) {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        PrintStream out = System.out;
        try {
            run(Path.of(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]), in, out);
        } catch (Exception e) {
            out.println("failed " + e);
            out.flush();
            System.exit(1);
        }
    }

    private static void run(Path settings, int count, int concurrency, BufferedReader in, PrintStream out) throws Exception {
        String groupKey = in.readLine();
        try (BenchDevices factory = BenchDevices.of(settings);
             HubFleet fleet = HubFleet.register(factory, Transport.mqtt, "hub-idle-", groupKey, count, concurrency)) {
            say(out, "registered " + count);
            expect(in, "connect");
            long before = Machine.heapUsedAfterGc();
            fleet.connectAll(concurrency);
            long after = Machine.heapUsedAfterGc();
            say(out, "connected " + before + " " + after);
            expect(in, "close");
        }
    }

    private static void say(PrintStream out, String line) {
        out.println(line);
        out.flush();
    }

    private static void expect(BufferedReader in, String word) throws IOException {
        String line = in.readLine();
        if (!word.equals(line)) {
            throw new IOException("expected '" + word + "' from the benchmark, not '" + line + "'");
        }
    }
}
