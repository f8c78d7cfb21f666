package dev.dpsrig.features.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dpsrig.emulator.device.CloudMessage;
import dev.dpsrig.emulator.device.EmulatedDevice;
import dev.dpsrig.emulator.device.Telemetry;
import dev.dpsrig.emulator.device.TelemetryOutcome;
import dev.dpsrig.simulator.hub.DeviceMessage;
import dev.dpsrig.simulator.hub.SimulatedHub;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/** Telemetry to the assigned hub and cloud-to-device messages, checked on both sides. */
public final class TelemetrySteps {
    private static final Duration ARRIVAL = Duration.ofSeconds(10);
    private static final Duration RECEIVE_POLL = Duration.ofMillis(100);

    private final ScenarioTarget target;
    private final DeviceRoster devices;
    private final Map<String, TelemetryOutcome> lastSend = new LinkedHashMap<>();

    public TelemetrySteps(ScenarioTarget target, DeviceRoster devices) {
        this.target = target;
        this.devices = devices;
    }

    @When("device {string} sends {string}")
    public void sends(String name, String body) throws InterruptedException {
        send(name, Telemetry.text(body));
    }

    @When("device {string} sends {string} with property {string} = {string}")
    public void sendsWithProperty(String name, String body, String property, String value) throws InterruptedException {
        send(name, Telemetry.text(body).withProperty(property, value));
    }

    @When("device {string} sends {int} messages in one batch")
    public void sendsBatch(String name, int count) throws InterruptedException {
        EmulatedDevice device = devices.device(name);
        List<Telemetry> batch = IntStream.rangeClosed(1, count)
                .mapToObj(i -> Telemetry.text("{\"sequence\": " + i + "}")).toList();
        lastSend.put(name, device.hub().sendBatch(batch, device.timeline(), device.random()));
    }

    @When("device {string} sends a message of {int} KB")
    public void sendsLarge(String name, int kilobytes) throws InterruptedException {
        send(name, new Telemetry(new byte[kilobytes * 1024], Map.of(), Map.of()));
    }

    @Then("the hub receives {string} from device {string}")
    public void hubReceives(String body, String name) {
        List<DeviceMessage> messages = hubOf(name).awaitMessages(deviceId(name), 1, ARRIVAL);
        assertThat(messages).extracting(DeviceMessage::bodyText).as("messages from '%s' on the hub", name).contains(body);
    }

    @Then("the hub receives {int} message(s) from device {string}")
    public void hubReceivesCount(int count, String name) {
        List<DeviceMessage> messages = hubOf(name).awaitMessages(deviceId(name), count, ARRIVAL);
        assertThat(messages).as("messages from '%s' on the hub", name).hasSize(count);
    }

    @Then("the message from device {string} carries property {string} = {string}")
    public void messageCarries(String name, String property, String value) {
        List<DeviceMessage> messages = hubOf(name).awaitMessages(deviceId(name), 1, ARRIVAL);
        assertThat(messages.getLast().properties()).containsEntry(property, value);
    }

    @Then("every device named {string} up to {int} has {int} message(s) on the hub")
    public void fleetMessages(String pattern, int count, int each) {
        for (int i = 1; i <= count; i++) {
            String name = String.format(pattern, i);
            assertThat(hubOf(name).awaitMessages(deviceId(name), each, ARRIVAL)).hasSize(each);
        }
    }

    @Then("the hub acknowledged the telemetry of device {string}")
    public void acknowledged(String name) {
        assertThat(lastSend.get(name)).as(devices.evidence(name)).isInstanceOf(TelemetryOutcome.Acknowledged.class);
    }

    @Then("the telemetry of device {string} is refused with {int} {string}")
    public void telemetryRefused(String name, int status, String errorCode) {
        TelemetryOutcome outcome = lastSend.get(name);
        assertThat(outcome).as(devices.evidence(name)).isInstanceOf(TelemetryOutcome.Failed.class);
        TelemetryOutcome.Failed failed = (TelemetryOutcome.Failed) outcome;
        if (devices.over().mqtt()) {
            // A telemetry PUBLISH has no answer that could carry a status: IoT Hub refuses it by closing the connection.
            assertThat(failed.httpStatus()).as(failed.reason()).isZero();
            assertThat(failed.reason()).contains("closed the connection");
            assertThat(hubOf(name).messages(deviceId(name))).as("messages from '%s' on the hub", name).isEmpty();
        } else {
            assertThat(failed.httpStatus()).as(failed.reason()).isEqualTo(status);
            assertThat(failed.errorCode()).as(failed.reason()).contains(errorCode);
        }
    }

    @When("the hub sends {string} to device {string}")
    public void cloudSends(String body, String name) {
        hubOf(name).sendToDevice(deviceId(name), body.getBytes(StandardCharsets.UTF_8), Map.of(), Map.of(), Optional.empty());
    }

    @Then("device {string} receives {string} and completes it")
    public void deviceReceives(String name, String body) throws InterruptedException {
        EmulatedDevice device = devices.device(name);
        CloudMessage message = awaitCloudMessage(device).orElseThrow(() -> new AssertionError("no cloud-to-device message for '" + name
                + "' within " + ARRIVAL.toSeconds() + " s"));
        assertThat(message.bodyText()).isEqualTo(body);
        device.hub().complete(message.lockToken());
        assertThat(device.hub().receive()).as("the queue of '%s' after completing", name).isEmpty();
    }

    /**
     * The device's next cloud-to-device message: over HTTPS the hub answers a receive with it at once; over MQTT the hub
     * pushes it once the device's connection has subscribed, which the first receive opens.
     */
    private static Optional<CloudMessage> awaitCloudMessage(EmulatedDevice device) throws InterruptedException {
        long deadline = System.nanoTime() + ARRIVAL.toNanos();
        Optional<CloudMessage> message = device.hub().receive();
        while (message.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(RECEIVE_POLL.toMillis());
            message = device.hub().receive();
        }
        return message;
    }

    private void send(String name, Telemetry message) throws InterruptedException {
        EmulatedDevice device = devices.device(name);
        lastSend.put(name, device.hub().send(message, device.timeline(), device.random()));
    }

    private String deviceId(String name) {
        return devices.result(name).orElseThrow(() -> new AssertionError("device '" + name + "' is not assigned")).deviceId();
    }

    private SimulatedHub hubOf(String name) {
        String hostName = devices.result(name).orElseThrow(() -> new AssertionError("device '" + name + "' is not assigned")).assignedHub();
        return target.hubAt(hostName);
    }
}
