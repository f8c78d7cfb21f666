package dev.dpsrig.simulator.archfixture;

import dev.dpsrig.emulator.device.ProvisioningClient;

/** Breaks the emulator/simulator rule on purpose: server code that holds a device's client. */
public final class ReachesIntoEmulator {
    ProvisioningClient client;
}
