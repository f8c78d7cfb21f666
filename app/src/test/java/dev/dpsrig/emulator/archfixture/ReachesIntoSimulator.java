package dev.dpsrig.emulator.archfixture;

import dev.dpsrig.simulator.http.LocalSimulator;

/** Breaks the emulator/simulator rule on purpose: emulator code that starts the server. */
public final class ReachesIntoSimulator {
    int dpsPort(LocalSimulator simulator) {
        return simulator.dpsPort();
    }
}
