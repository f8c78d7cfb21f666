package dev.dpsrig.simulator.http;

import dev.dpsrig.simulator.server.LocalSimulator;
import dev.dpsrig.simulator.server.SimulatorConfig;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A simulator in a process of its own, for {@link CrashRecoveryIT} to kill. Arguments: the data
 * directory, the DPS port (the hub listens on the next one), the assignment delay in milliseconds.
 * Prints {@value #READY} and the hub's host name once it serves, then runs until killed.
 */
public final class CrashChild {
    static final String READY = "READY ";

    private CrashChild() {
    }

    public static void main(String[] args) throws InterruptedException {
        LocalSimulator simulator = LocalSimulator.start(SimulatorConfig.builder()
                .dataDirectory(Path.of(args[0]))
                .dpsPort(Integer.parseInt(args[1]))
                .assignmentDelay(Duration.ofMillis(Long.parseLong(args[2])))
                .build());
        System.out.println(READY + simulator.hubs().getFirst().hostName());
        System.out.flush();
        Thread.currentThread().join();
    }
}
