package dev.dpsrig.simulator.archfixture.http;

import dev.dpsrig.simulator.server.SimulatorConfig;

/** Breaks the rule that the HTTP front door never knows the start-up that wires it, on purpose. */
public final class RouteThatKnowsTheServer {
    SimulatorConfig config;
}
