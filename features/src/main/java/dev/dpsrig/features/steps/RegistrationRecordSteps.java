package dev.dpsrig.features.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dpsrig.protocol.DpsException;
import dev.dpsrig.protocol.RegistrationStatus;
import dev.dpsrig.simulator.dps.Registration;
import dev.dpsrig.simulator.json.ServiceJson;
import io.cucumber.java.en.Then;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What the simulator recorded about a registration, held against what the device saw. A device can
 * be fooled (a proxy, a stale answer); the service's record cannot, so a scenario that checks both
 * catches an emulator and a simulator that disagree.
 */
public final class RegistrationRecordSteps {
    private final ScenarioTarget target;
    private final DeviceRoster devices;

    public RegistrationRecordSteps(ScenarioTarget target, DeviceRoster devices) {
        this.target = target;
        this.devices = devices;
    }

    /**
     * The device's timeline and the simulator's journal of the statuses it served must both show exactly
     * these statuses, and the simulator's record must hold the same outcome: hub, device id and substatus
     * when assigned, error code when failed.
     */
    @Then("the simulator agrees that device {string} went through {string}")
    public void agreeOnStatuses(String name, String statuses) {
        List<String> expected = Arrays.stream(statuses.split(",")).map(String::strip).toList();
        String evidence = devices.evidence(name) + "\nsimulator's record: " + recordText(name);
        assertThat(devices.device(name).timeline().statuses()).as("statuses on the device's timeline; " + evidence)
                .isEqualTo(expected);
        List<String> served = target.simulator().service().journal().served(devices.device(name).registrationId()).stream()
                .map(RegistrationStatus::wireName).toList();
        assertThat(served).as("statuses the simulator served; " + evidence).isEqualTo(expected);
        Registration record = record(name).orElseThrow(() -> new AssertionError("the simulator has no registration record; "
                + evidence));
        assertThat(record.status().wireName()).as("the simulator's last status; " + evidence).isEqualTo(expected.getLast());
        devices.result(name).ifPresent(result -> {
            assertThat(record.assignedHub()).as("assigned hub, simulator vs device; " + evidence).contains(result.assignedHub());
            assertThat(record.deviceId()).as("device id, simulator vs device; " + evidence).isEqualTo(result.deviceId());
            assertThat(record.substatus()).as("substatus, simulator vs device; " + evidence).contains(result.substatus());
        });
        devices.failure(name).ifPresent(failure -> assertThat(record.errorCode())
                .as("error code, simulator vs device; " + evidence).isEqualTo(failure.errorCode()));
    }

    @Then("the simulator records {string} as enrolled individually")
    public void enrolledIndividually(String name) {
        Registration record = record(name).orElseThrow(() -> new AssertionError("no registration record for '" + name + "'"));
        assertThat(record.enrollmentGroupId()).as("the enrollment group of '%s': %s", name, recordText(name)).isEmpty();
    }

    @Then("the simulator records {string} as enrolled through group {string}")
    public void enrolledThroughGroup(String name, String groupId) {
        Registration record = record(name).orElseThrow(() -> new AssertionError("no registration record for '" + name + "'"));
        assertThat(record.enrollmentGroupId()).as("the enrollment group of '%s': %s", name, recordText(name)).contains(groupId);
    }

    private Optional<Registration> record(String name) {
        try {
            return Optional.of(target.simulator().service().registration(devices.device(name).registrationId()));
        } catch (DpsException notFound) {
            return Optional.empty();
        }
    }

    private String recordText(String name) {
        return record(name).map(r -> ServiceJson.toJson(r).toString()).orElse("(none)");
    }
}
