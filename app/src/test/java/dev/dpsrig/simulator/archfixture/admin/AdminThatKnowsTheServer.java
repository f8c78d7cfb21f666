package dev.dpsrig.simulator.archfixture.admin;

import dev.dpsrig.simulator.server.LocalSimulator;

/** Breaks the rule that the admin API never knows the start-up that wires it, on purpose. */
public final class AdminThatKnowsTheServer {
    LocalSimulator simulator;
}
