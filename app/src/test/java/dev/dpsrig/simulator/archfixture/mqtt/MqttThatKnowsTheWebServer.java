package dev.dpsrig.simulator.archfixture.mqtt;

import dev.dpsrig.simulator.admin.FaultAdminRoutes;
import dev.dpsrig.simulator.http.InProcessDps;
import dev.dpsrig.simulator.server.LocalSimulator;

/** Breaks the rule that the MQTT transport knows none of the web server's packages, once for each, on purpose. */
public final class MqttThatKnowsTheWebServer {
    InProcessDps dps;
    FaultAdminRoutes admin;
    LocalSimulator simulator;
}
