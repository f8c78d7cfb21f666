package dev.dpsrig.features.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dpsrig.emulator.device.RegistrationResult;
import dev.dpsrig.emulator.fleet.FleetSpec;
import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.simulator.dps.AllocationPolicy;
import dev.dpsrig.simulator.dps.HubDevice;
import dev.dpsrig.simulator.server.SimulatorConfig.HubSpec;
import dev.dpsrig.simulator.hub.SimulatedHub;
import io.cucumber.java.After;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Several simulated hubs, the allocation policies that choose among them, a custom webhook, and reprovisioning. */
public final class AllocationSteps {
    private static final String WEBHOOK_API_VERSION = "2021-10-01";

    private final ScenarioTarget target;
    private final DeviceRoster devices;
    private final Enrollments enrollments;
    private Optional<AllocationWebhookServer> webhook = Optional.empty();

    public AllocationSteps(ScenarioTarget target, DeviceRoster devices, Enrollments enrollments) {
        this.target = target;
        this.devices = devices;
        this.enrollments = enrollments;
    }

    @Given("the simulated hubs {string}")
    public void hubs(String names) {
        names(names).forEach(name -> target.config().addHub(HubSpec.named(name, 0)));
    }

    /** Columns {@code hub}, {@code weight} and {@code latency} (e.g. {@code 40ms}). */
    @Given("the simulated hubs")
    public void hubTable(List<Map<String, String>> rows) {
        rows.forEach(row -> target.config().addHub(new HubSpec(row.get("hub"), 0, Integer.parseInt(row.getOrDefault("weight", "1")),
                FleetSpec.parseDuration(row.getOrDefault("latency", "0ms")))));
    }

    @Given("an enrollment group {string} with symmetric keys, allocated {allocation} over/to hub(s) {string}")
    public void groupAllocated(String groupId, AllocationPolicy policy, String hubs) {
        enrollments.putGroup(groupId, Enrollments.symmetricKey(), allocation(policy, hubs).build());
    }

    @Given("an individual enrollment {string} with symmetric keys, allocated {allocation} over/to hub(s) {string}")
    public void individualAllocated(String registrationId, AllocationPolicy policy, String hubs) {
        enrollments.putIndividual(registrationId, Enrollments.symmetricKey(), allocation(policy, hubs).build());
    }

    /**
     * The webhook answers every request with this hub and, when the table gives them, a {@code payload} and an
     * {@code initialTwin} (JSON).
     */
    @Given("a custom allocation webhook that sends devices to hub {string} with")
    public void webhook(String hub, Map<String, String> answer) {
        String hostName = target.simulator().iotHub(hub).hub().hostName();
        JsonObjectBuilder body = Jsonp.createObjectBuilder().add("iotHubHostName", hostName);
        answer.forEach((field, json) -> body.add(field, json(json)));
        JsonObject reply = body.build();
        webhook.ifPresent(AllocationWebhookServer::close);
        webhook = Optional.of(AllocationWebhookServer.start(request -> reply));
    }

    @Given("an enrollment group {string} with symmetric keys, allocated by that webhook")
    public void groupOnWebhook(String groupId) {
        enrollments.putGroup(groupId, Enrollments.symmetricKey(), customAllocation());
    }

    @Given("an individual enrollment {string} with symmetric keys, allocated by that webhook")
    public void individualOnWebhook(String registrationId) {
        enrollments.putIndividual(registrationId, Enrollments.symmetricKey(), customAllocation());
    }

    @Given("the reprovision policy of {string} is updateHubAssignment {flag}, migrateDeviceData {flag}")
    public void reprovisionPolicy(String enrollment, boolean updateHubAssignment, boolean migrateDeviceData) {
        enrollments.update(enrollment, Jsonp.createObjectBuilder().add("reprovisionPolicy", Jsonp.createObjectBuilder()
                .add("updateHubAssignment", updateHubAssignment).add("migrateDeviceData", migrateDeviceData)).build());
    }

    @When("the enrollment {string} moves to hub {string}")
    public void moves(String enrollment, String hub) {
        enrollments.update(enrollment, Jsonp.createObjectBuilder().add("iotHubs", Jsonp.createArrayBuilder()
                .add(target.simulator().iotHub(hub).hub().hostName())).build());
    }

    @Then("device {string} is assigned to hub {string} with substatus {string}")
    public void assignedTo(String name, String hub, String substatus) {
        String hostName = target.simulator().iotHub(hub).hub().hostName();
        assertThat(devices.assigned(name).assignedHub()).as(devices.evidence(name)).isEqualTo(hostName);
        assertThat(devices.assigned(name).substatus().wireName()).as(devices.evidence(name)).isEqualTo(substatus);
        assertThat(target.simulator().iotHub(hub).device(devices.result(name).orElseThrow().deviceId()))
                .as("the device registry of hub '%s'; %s", hub, devices.evidence(name)).isPresent();
    }

    @Then("the webhook was asked to allocate {string} with payload {string}")
    public void webhookAsked(String registrationId, String payload) {
        List<JsonObject> requests = webhook.orElseThrow(() -> new AssertionError("no webhook in this scenario")).requests();
        assertThat(requests).as("allocation requests the webhook received").anySatisfy(request -> {
            JsonObject context = request.getJsonObject("deviceRuntimeContext");
            assertThat(context.getString("registrationId")).isEqualTo(registrationId);
            assertThat(context.get("payload")).isEqualTo(json(payload));
            assertThat(request.getJsonArray("linkedHubs")).hasSameSizeAs(target.simulator().hubs());
        });
    }

    /**
     * Counts where each of the devices went, once from what the devices were told and once from the hubs'
     * device registries; both must agree and fall within the table's bounds ({@code hub}, {@code at least},
     * {@code at most}).
     */
    @Then("of the {int} devices named {string}, the hubs hold")
    public void spread(int count, String pattern, List<Map<String, String>> bounds) {
        List<String> names = IntStream.rangeClosed(1, count).mapToObj(i -> String.format(pattern, i)).toList();
        Map<String, Long> told = new TreeMap<>(names.stream().map(name -> devices.result(name).map(RegistrationResult::assignedHub)
                .orElse("(not assigned)")).collect(Collectors.groupingBy(host -> host, Collectors.counting())));
        Map<String, Long> registries = new TreeMap<>();
        for (SimulatedHub hub : target.simulator().iotHubs()) {
            long held = hub.devices().stream().map(HubDevice::registrationId).filter(names::contains).count();
            registries.put(hub.hub().hostName(), held);
        }
        String evidence = "devices were told " + told + ", hub registries hold " + registries;
        assertThat(told).as(evidence).doesNotContainKey("(not assigned)");
        assertThat(told).as("what the devices were told vs the hubs' registries; " + evidence)
                .isEqualTo(registries.entrySet().stream().filter(e -> e.getValue() > 0)
                        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, Long::sum, TreeMap::new)));
        for (Map<String, String> row : bounds) {
            long held = registries.getOrDefault(target.simulator().iotHub(row.get("hub")).hub().hostName(), 0L);
            assertThat(held).as("devices on hub '%s'; %s", row.get("hub"), evidence)
                    .isBetween(Long.parseLong(row.get("at least")), Long.parseLong(row.get("at most")));
        }
    }

    @After
    public void stopWebhook() {
        webhook.ifPresent(AllocationWebhookServer::close);
    }

    private JsonObjectBuilder allocation(AllocationPolicy policy, String hubs) {
        JsonArrayBuilder hostNames = Jsonp.createArrayBuilder();
        names(hubs).forEach(hub -> hostNames.add(target.simulator().iotHub(hub).hub().hostName()));
        return Jsonp.createObjectBuilder().add("allocationPolicy", policy.wireName()).add("iotHubs", hostNames);
    }

    private JsonObject customAllocation() {
        AllocationWebhookServer server = webhook.orElseThrow(() -> new AssertionError(
                "no custom allocation webhook yet; start one with 'a custom allocation webhook that sends devices to hub ...'"));
        return Jsonp.createObjectBuilder().add("allocationPolicy", AllocationPolicy.CUSTOM.wireName())
                .add("customAllocationDefinition", Jsonp.createObjectBuilder().add("webhookUrl", server.url().toString())
                        .add("apiVersion", WEBHOOK_API_VERSION)).build();
    }

    private static List<String> names(String list) {
        return Arrays.stream(list.split(",")).map(String::strip).filter(name -> !name.isEmpty()).toList();
    }

    private static JsonValue json(String text) {
        try (JsonReader reader = Jsonp.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }
}
