package dev.dpsrig.features.steps;

import io.cucumber.java.After;
import io.cucumber.java.Scenario;
import jakarta.json.JsonObject;
import java.util.Optional;

/**
 * Attaches each device's timeline and the target's registration records of the scenario's devices to
 * the report; for a failed scenario also every HTTP exchange the devices made.
 */
public final class ScenarioReports {
    private final ScenarioTarget target;
    private final DeviceRoster devices;

    public ScenarioReports(ScenarioTarget target, DeviceRoster devices) {
        this.target = target;
        this.devices = devices;
    }

    @After
    public void attach(Scenario scenario) {
        devices.devices().forEach((name, device) -> scenario.attach(device.timeline().print(), "text/plain", "timeline of " + name));
        if (!devices.devices().isEmpty()) {
            StringBuilder records = new StringBuilder();
            devices.devices().values().forEach(device -> {
                try {
                    Optional<JsonObject> record = target.registrationRecord(device.registrationId());
                    records.append(device.registrationId()).append(": ")
                            .append(record.map(JsonObject::toString).orElse("no registration record")).append('\n');
                } catch (RuntimeException unreachable) {
                    records.append(device.registrationId()).append(": registration record unavailable (")
                            .append(unreachable.getMessage()).append(")\n");
                }
            });
            scenario.attach(ExchangeLog.redact(records.toString()), "text/plain", "registration records");
        }
        if (scenario.isFailed() && !devices.exchanges().isEmpty()) {
            scenario.attach(ExchangeLog.print(devices.exchanges()), "text/plain", "HTTP exchanges");
        }
    }
}
