package dev.dpsrig.features.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dpsrig.simulator.protocol.DpsException;
import dev.dpsrig.simulator.protocol.Substatus;
import dev.dpsrig.simulator.service.Registration;
import dev.dpsrig.simulator.service.ServiceJson;
import io.cucumber.java.en.Then;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.SoftAssertions;

/**
 * What the simulator recorded about a registration, held against what the device saw. A device can
 * be fooled (a proxy, a stale answer); the service's record cannot, so a scenario that checks both
 * catches an emulator and a simulator that disagree.
 */
public final class RegistrationRecordSteps {
    private final SimulatorWorld world;

    public RegistrationRecordSteps(SimulatorWorld world) {
        this.world = world;
    }

    /**
     * The device's timeline must show exactly these statuses, and the simulator's record must end in
     * the same one with the same outcome: hub, device id and substatus when assigned, error code when
     * failed. The simulator keeps no history of the statuses it served, only the last, so the earlier
     * ones come from the device alone.
     */
    @Then("the simulator agrees that device {string} went through {string}")
    public void agreeOnStatuses(String name, String statuses) {
        List<String> expected = Arrays.stream(statuses.split(",")).map(String::strip).toList();
        String evidence = new DeviceSteps(world).evidence(name) + "\nsimulator's record: " + recordText(name);
        assertThat(world.device(name).timeline().statuses()).as("statuses on the device's timeline; " + evidence)
                .isEqualTo(expected);
        Registration record = record(name).orElseThrow(() -> new AssertionError("the simulator has no registration record; "
                + evidence));
        SoftAssertions both = new SoftAssertions();
        both.assertThat(record.status().wireName()).as("the simulator's last status; " + evidence).isEqualTo(expected.getLast());
        world.result(name).ifPresent(result -> {
            both.assertThat(record.assignedHub()).as("assigned hub, simulator vs device; " + evidence).contains(result.assignedHub());
            both.assertThat(record.deviceId()).as("device id, simulator vs device; " + evidence).isEqualTo(result.deviceId());
            both.assertThat(record.substatus().map(Substatus::wireName)).as("substatus, simulator vs device; " + evidence)
                    .contains(result.substatus());
        });
        world.failure(name).ifPresent(failure -> both.assertThat(record.errorCode())
                .as("error code, simulator vs device; " + evidence).isEqualTo(failure.errorCode()));
        both.assertAll();
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
            return Optional.of(world.simulator().service().registration(world.device(name).registrationId()));
        } catch (DpsException notFound) {
            return Optional.empty();
        }
    }

    private String recordText(String name) {
        return record(name).map(r -> ServiceJson.toJson(r).toString()).orElse("(none)");
    }
}
