package dev.dpsrig.features.steps;

import dev.dpsrig.simulator.service.ServiceJson;
import io.cucumber.java.After;
import io.cucumber.java.Scenario;

/** Attaches each device's timeline, and for a failed scenario the simulator's registration records, to the report. */
public final class ScenarioReports {
    private final SimulatorWorld world;

    public ScenarioReports(SimulatorWorld world) {
        this.world = world;
    }

    @After
    public void attach(Scenario scenario) {
        world.devices().forEach((name, device) -> scenario.attach(device.timeline().print(), "text/plain", "timeline of " + name));
        if (scenario.isFailed() && world.devices().size() > 0) {
            StringBuilder records = new StringBuilder();
            world.devices().values().forEach(device -> {
                try {
                    records.append(ServiceJson.toJson(world.simulator().service().registration(device.registrationId()))).append('\n');
                } catch (RuntimeException none) {
                    records.append(device.registrationId()).append(": no registration record (").append(none.getMessage()).append(")\n");
                }
            });
            scenario.attach(records.toString(), "text/plain", "registration records");
        }
    }
}
