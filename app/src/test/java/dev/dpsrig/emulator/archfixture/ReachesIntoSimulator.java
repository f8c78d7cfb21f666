package dev.dpsrig.emulator.archfixture;

import dev.dpsrig.simulator.server.LocalSimulator;


/** Breaks the emulator/simulator rule on purpose: emulator code that starts the server. */
public final class ReachesIntoSimulator {
    int dpsPort(LocalSimulator simulator) {
        return simulator.dpsPort();
    }
}
