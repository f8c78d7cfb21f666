package dev.dpsrig.protocol.archfixture;

import dev.dpsrig.emulator.device.ProvisioningClient;

/** Breaks the protocol rule on purpose: the wire contract leaning on one side. */
public final class ReachesIntoEmulator {
    ProvisioningClient client;
}
