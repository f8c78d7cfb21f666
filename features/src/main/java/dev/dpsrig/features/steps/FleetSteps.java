package dev.dpsrig.features.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dpsrig.emulator.client.ServiceApiClient;
import dev.dpsrig.emulator.device.DpsEndpoint;
import dev.dpsrig.emulator.fleet.FleetCredentials;
import dev.dpsrig.emulator.fleet.FleetReport;
import dev.dpsrig.emulator.fleet.FleetRunner;
import dev.dpsrig.emulator.fleet.FleetSpec;
import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.protocol.RegistrationStatus;
import dev.dpsrig.simulator.dps.Registration;
import dev.dpsrig.simulator.hub.DeviceMessage;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import jakarta.json.JsonObjectBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/** A fleet run, as {@code dpsrig fleet run} does it, against the scenario's simulator; checked on the service side too. */
public final class FleetSteps {
    private final ScenarioTarget target;
    private FleetSpec spec;
    private FleetCredentials credentials;
    private FleetReport report;

    public FleetSteps(ScenarioTarget target) {
        this.target = target;
    }

    /** A two-column table of fleet spec keys, as in a spec file: {@code | devices | 300 |}, {@code | attestation | ... |}. */
    @When("a fleet runs with")
    public void run(Map<String, String> fields) throws InterruptedException {
        JsonObjectBuilder json = Jsonp.createObjectBuilder();
        fields.forEach((key, value) -> {
            if (value.matches("\\d+")) {
                json.add(key, Long.parseLong(value));
            } else if (value.equals("true") || value.equals("false")) {
                json.add(key, Boolean.parseBoolean(value));
            } else {
                json.add(key, value);
            }
        });
        spec = FleetSpec.parse(json.build());
        credentials = new FleetCredentials(spec, Optional.empty());
        if (spec.enroll()) {
            try (ServiceApiClient service = target.openServiceApi()) {
                credentials.enroll(service, 16);
            }
        }
        DpsEndpoint endpoint = DpsEndpoint.of(target.simulator().globalEndpoint(), target.simulator().idScope(),
                List.of(target.simulator().trustedRoot()));
        report = new FleetRunner(spec, endpoint, credentials, progress -> { }).run();
    }

    @Then("all {int} devices of the fleet are assigned, without errors")
    public void allAssigned(int count) {
        FleetReport done = report();
        assertThat(done.assigned()).as("assigned in the fleet report %s, errors %s", done.byStatus(), done.errors()).isEqualTo(count);
        assertThat(done.errors()).as("errors in the fleet report").isEmpty();
        Set<String> ids = ids();
        List<Registration> records = target.simulator().service().registrations().stream()
                .filter(record -> ids.contains(record.registrationId())).toList();
        assertThat(records).as("the simulator's registration records of the fleet").hasSize(count)
                .allSatisfy(record -> assertThat(record.status()).as(record.registrationId()).isEqualTo(RegistrationStatus.ASSIGNED));
    }

    @Then("the fleet's symmetric-key group has {int} registrations and its X.509 group {int}")
    public void byGroup(int symmetric, int x509) {
        assertThat(target.simulator().service().registrationsOfGroup(credentials.symmetricGroupId()))
                .as("registrations of group '%s'", credentials.symmetricGroupId()).hasSize(symmetric);
        assertThat(target.simulator().service().registrationsOfGroup(credentials.x509GroupId()))
                .as("registrations of group '%s'", credentials.x509GroupId()).hasSize(x509);
    }

    @Then("the hubs received {int} message(s) from each device of the fleet")
    public void messages(int each) {
        Set<String> ids = ids();
        Map<String, Long> perDevice = target.simulator().iotHubs().stream().flatMap(hub -> hub.messages().stream())
                .map(DeviceMessage::deviceId).filter(ids::contains)
                .collect(Collectors.groupingBy(id -> id, Collectors.counting()));
        assertThat(report().acknowledged()).as("messages acknowledged in the fleet report").isEqualTo((long) ids.size() * each);
        assertThat(perDevice).as("messages per device on the hubs").hasSize(ids.size());
        assertThat(perDevice.values()).as("messages per device on the hubs").containsOnly((long) each);
    }

    private Set<String> ids() {
        return LongStream.range(0, report().devices()).mapToObj(spec::registrationId).collect(Collectors.toSet());
    }

    private FleetReport report() {
        if (report == null) {
            throw new AssertionError("no fleet has run in this scenario");
        }
        return report;
    }
}
