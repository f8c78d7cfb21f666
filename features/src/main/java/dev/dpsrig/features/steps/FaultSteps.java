package dev.dpsrig.features.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dpsrig.emulator.device.DeviceEvent;
import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.simulator.fault.FaultRecord;
import dev.dpsrig.simulator.fault.FaultRules;
import dev.dpsrig.simulator.quota.QuotaProfile;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import jakarta.json.JsonObjectBuilder;
import java.util.List;
import java.util.Map;

/** Fault rules and quota profiles, and what each device met. */
public final class FaultSteps {
    private final ScenarioTarget target;
    private final DeviceRoster devices;

    public FaultSteps(ScenarioTarget target, DeviceRoster devices) {
        this.target = target;
        this.devices = devices;
    }

    /** A two-column table of rule fields: {@code | endpoint | register |}, {@code | kind | throttle |} ... */
    @Given("the fault rule")
    public void faultRule(Map<String, String> fields) {
        JsonObjectBuilder rule = Jsonp.createObjectBuilder();
        fields.forEach((name, value) -> {
            if (value.matches("-?\\d+")) {
                rule.add(name, Long.parseLong(value));
            } else if (value.matches("-?\\d+\\.\\d+")) {
                rule.add(name, Double.parseDouble(value));
            } else {
                rule.add(name, value);
            }
        });
        target.simulator().faults().add(FaultRules.parse(rule.build(), target.simulator().faults()::nextRuleId));
    }

    @Given("the quota profile {string}")
    public void quotaProfile(String profile) {
        target.simulator().quotaProfile(QuotaProfile.parse(profile));
    }

    @Then("device {string} met {int} fault(s)")
    public void met(String name, int count) {
        assertThat(records(name)).as("faults served to '%s'", name).hasSize(count);
    }

    @Then("device {string} met a {string} fault on {string}")
    public void metKind(String name, String kind, String endpoint) {
        assertThat(records(name)).as("faults served to '%s'", name)
                .anySatisfy(record -> {
                    assertThat(record.fault().kind()).isEqualTo(kind);
                    assertThat(record.endpoint().wireName()).isEqualTo(endpoint);
                });
    }

    @Then("device {string} retried {string} after {string}")
    public void retried(String name, String step, String reason) {
        assertThat(devices.device(name).timeline().events(DeviceEvent.RetryScheduled.class))
                .as(devices.evidence(name))
                .anySatisfy(retry -> {
                    assertThat(retry.step()).isEqualTo(step);
                    assertThat(retry.reason()).contains(reason);
                });
    }

    private List<FaultRecord> records(String name) {
        return target.simulator().faults().records().stream().filter(record -> record.deviceId().equalsIgnoreCase(name)).toList();
    }
}
