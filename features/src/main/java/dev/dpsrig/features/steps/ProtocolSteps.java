package dev.dpsrig.features.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dpsrig.emulator.device.DeviceTransport;
import dev.dpsrig.emulator.device.RegistrationResult;
import dev.dpsrig.simulator.hub.SimulatedHub;
import dev.dpsrig.simulator.server.SimulatorConfig;
import io.cucumber.datatable.DataTable;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.helidon.http.Method;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Hand-made HTTPS requests to DPS or a hub, for the mistakes no well-behaved client makes: a wrong
 * content type, a tampered or expired token, a token for another device or for the other service. The
 * request is described by a two-column table (method, path, content type, body, authorization, and
 * any number of header rows); {@code {idScope}}, {@code {registrationId}} and {@code {deviceId}} in the
 * path and body stand for the device's.
 */
public final class ProtocolSteps {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final ScenarioTarget target;
    private final DeviceRoster devices;
    private final DeviceTokens tokens;
    private Optional<RawResponse> last = Optional.empty();

    public ProtocolSteps(ScenarioTarget target, DeviceRoster devices, DeviceTokens tokens) {
        this.target = target;
        this.devices = devices;
        this.tokens = tokens;
    }

    @Given("the simulator runs the IoT hubs {string} and {string}")
    public void twoHubs(String first, String second) {
        target.config().addHub(SimulatorConfig.HubSpec.named(first, 0)).addHub(SimulatorConfig.HubSpec.named(second, 0));
    }

    @When("device {string} sends a raw request to DPS:")
    public void toDps(String name, DataTable request) {
        send(name, tokens.dps(name), request);
    }

    @When("device {string} sends a raw request to its hub:")
    public void toItsHub(String name, DataTable request) {
        RegistrationResult result = assigned(name);
        send(name, new SasAudience.Hub(result.assignedHub(), result.assignedHub(), result.deviceId()), request);
    }

    /** The token still names the device's own hub, as a device with a stale or mistaken host name would send it. */
    @When("device {string} sends a raw request to a hub it is not assigned to:")
    public void toOtherHub(String name, DataTable request) {
        RegistrationResult result = assigned(name);
        SimulatedHub other = target.simulator().iotHubs().stream()
                .filter(hub -> !hub.hub().hostName().equalsIgnoreCase(result.assignedHub())).findFirst()
                .orElseThrow(() -> new AssertionError("the simulator has no hub besides " + result.assignedHub()
                        + "; start it with two hubs"));
        send(name, new SasAudience.Hub(other.hub().hostName(), result.assignedHub(), result.deviceId()), request);
    }

    @When("device {string} is disabled on its hub")
    public void disabledOnHub(String name) {
        RegistrationResult result = assigned(name);
        SimulatedHub hub = target.hubAt(result.assignedHub());
        target.service().setHubDeviceStatus(hub.name(), result.deviceId(), false);
    }

    @Then("the raw response has status {int}")
    public void status(int status) {
        assertThat(last().status()).as(last().evidence()).isEqualTo(status);
    }

    @Then("the raw response is a DPS error {int} saying {string}")
    public void dpsError(int errorCode, String text) {
        RawResponse response = last();
        assertThat(response.status()).as(response.evidence()).isEqualTo(errorCode / 1000);
        assertThat(response.isJson()).as("a JSON content type: " + response.evidence()).isTrue();
        JsonObject error = response.dpsError();
        assertThat(error.getInt("errorCode", 0)).as(response.evidence()).isEqualTo(errorCode);
        assertThat(error.getString("message", "")).as(response.evidence()).containsIgnoringCase(text);
        assertThat(error.getString("trackingId", "")).as(response.evidence()).isNotBlank();
        assertThat(error.getString("timestampUtc", "")).as(response.evidence()).isNotBlank();
        assertThat(response.header("x-ms-error-code")).as(response.evidence()).contains(Integer.toString(errorCode));
    }

    @Then("the raw response is an IoT Hub error {int} {string} saying {string}")
    public void hubError(int errorCode, String errorName, String text) {
        RawResponse response = last();
        assertThat(response.status()).as(response.evidence()).isEqualTo(errorCode / 1000);
        assertThat(response.isJson()).as("a JSON content type: " + response.evidence()).isTrue();
        JsonObject error = response.hubError();
        assertThat(error.getInt("errorCode", 0)).as(response.evidence()).isEqualTo(errorCode);
        assertThat(error.getString("message", "")).as(response.evidence()).containsIgnoringCase(text);
        assertThat(error.getString("trackingId", "")).as(response.evidence()).isNotBlank();
        assertThat(response.header("iothub-errorcode")).as(response.evidence()).contains(errorName);
    }

    @Then("the raw response has header {string} = {string}")
    public void header(String name, String value) {
        assertThat(last().header(name)).as(last().evidence()).contains(value);
    }

    @Then("the target recorded no registration for {string}")
    public void noRegistration(String name) {
        assertThat(target.registrationRecord(target.id(name))).as("the registration record of '%s'", name).isEmpty();
    }

    private void send(String name, SasAudience destination, DataTable table) {
        Map<String, String> fields = new LinkedHashMap<>();
        Map<String, String> headers = new LinkedHashMap<>();
        for (List<String> row : table.asLists()) {
            if (row.size() != 2) {
                throw new IllegalArgumentException("a raw request row is | field | value |, not " + row);
            }
            String value = row.get(1) == null ? "" : row.get(1);
            switch (row.get(0)) {
                case "method", "path", "content type", "body", "authorization" -> fields.put(row.get(0), value);
                case "header" -> {
                    int colon = value.indexOf(':');
                    if (colon <= 0) {
                        throw new IllegalArgumentException("a header row's value is 'Name: value', not '" + value + "'");
                    }
                    headers.put(value.substring(0, colon).strip(), value.substring(colon + 1).strip());
                }
                default -> throw new IllegalArgumentException("raw request field '" + row.get(0)
                        + "' is not one of method, path, content type, body, authorization, header");
            }
        }
        Method method = Method.create(required(fields, "method"));
        String url = "https://" + destination.host() + fill(name, required(fields, "path"));
        Optional.ofNullable(fields.get("content type")).ifPresent(type -> headers.put("Content-Type", type));
        tokens.token(name, destination, RawAuthorization.parse(fields.getOrDefault("authorization", "none")))
                .ifPresent(value -> headers.put("Authorization", value));
        Optional<byte[]> body = Optional.ofNullable(fields.get("body")).map(text -> fill(name, text).getBytes(StandardCharsets.UTF_8));
        try {
            DeviceTransport.Answer answer = devices.transport().exchange(method, url, headers, body, Optional.empty(), Optional.empty(), TIMEOUT);
            last = Optional.of(new RawResponse(method.text() + " " + url, answer));
        } catch (DeviceTransport.TransportFailure failure) {
            throw new AssertionError(method.text() + " " + url + " got no answer: " + failure.getMessage(), failure);
        }
    }

    private String fill(String name, String text) {
        String deviceId = devices.result(name).map(RegistrationResult::deviceId).orElse(target.id(name));
        return text.replace("{idScope}", target.dpsEndpoint().idScope()).replace("{registrationId}", target.id(name))
                .replace("{deviceId}", deviceId);
    }

    private RegistrationResult assigned(String name) {
        return devices.result(name).orElseThrow(() -> new AssertionError("device '" + name + "' is not assigned; register it first"));
    }

    private RawResponse last() {
        return last.orElseThrow(() -> new AssertionError("no raw request was sent in this scenario"));
    }

    private static String required(Map<String, String> fields, String field) {
        String value = fields.get(field);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a raw request needs a '" + field + "' row");
        }
        return value;
    }
}
