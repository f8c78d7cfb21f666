package dev.dpsrig.features.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dpsrig.emulator.device.RegistrationResult;
import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.simulator.dps.HubDevice;
import dev.dpsrig.simulator.hub.SimulatedHub;
import dev.dpsrig.simulator.json.ServiceJson;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import jakarta.json.JsonReader;
import java.io.StringReader;

/** The device identity DPS created in the assigned hub's registry: its id, IoT Edge capability and initial twin. */
public final class HubDeviceSteps {
    private final ScenarioTarget target;
    private final DeviceRoster devices;
    private final Enrollments enrollments;

    public HubDeviceSteps(ScenarioTarget target, DeviceRoster devices, Enrollments enrollments) {
        this.target = target;
        this.devices = devices;
        this.enrollments = enrollments;
    }

    @Given("an individual enrollment {string} with symmetric keys for an IoT Edge device")
    public void edgeEnrollment(String registrationId) {
        enrollments.putIndividual(registrationId, Enrollments.symmetricKey(), Jsonp.createObjectBuilder()
                .add("capabilities", Jsonp.createObjectBuilder().add("iotEdge", true)).build());
    }

    @Then("the assigned hub knows device {string} as device id {string}")
    public void knownAs(String name, String deviceId) {
        HubDevice device = hubDevice(name);
        assertThat(device.deviceId()).as("hub device of '%s': %s", name, device).isEqualTo(deviceId);
        assertThat(device.registrationId()).as("hub device of '%s': %s", name, device).isEqualToIgnoringCase(
                devices.device(name).registrationId());
    }

    @Then("the assigned hub knows device {string} as an IoT Edge device")
    public void edge(String name) {
        HubDevice device = hubDevice(name);
        assertThat(device.iotEdge()).as("capabilities.iotEdge of the hub device of '%s': %s", name, device).isTrue();
    }

    @Then("the assigned hub knows device {string} as a device without IoT Edge")
    public void notEdge(String name) {
        HubDevice device = hubDevice(name);
        assertThat(device.iotEdge()).as("capabilities.iotEdge of the hub device of '%s': %s", name, device).isFalse();
    }

    @Then("the assigned hub holds the initial twin {string} for device {string}")
    public void initialTwin(String twin, String name) {
        HubDevice device = hubDevice(name);
        try (JsonReader reader = Jsonp.createReader(new StringReader(twin))) {
            assertThat(device.initialTwin().map(ServiceJson::json)).as("initial twin of the hub device of '%s'", name).contains(reader.readObject());
        }
    }

    private HubDevice hubDevice(String name) {
        RegistrationResult result = devices.assigned(name);
        SimulatedHub hub = target.hubAt(result.assignedHub());
        return hub.device(result.deviceId()).orElseThrow(() -> new AssertionError("hub '" + hub.name() + "' has no device '"
                + result.deviceId() + "'; it holds " + hub.devices().stream().map(HubDevice::deviceId).toList()));
    }
}
