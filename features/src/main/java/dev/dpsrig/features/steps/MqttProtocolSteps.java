package dev.dpsrig.features.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dpsrig.emulator.device.RegistrationResult;
import dev.dpsrig.protocol.RegistrationStatus;
import io.cucumber.java.ParameterType;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.paho.client.mqttv3.MqttException;

/**
 * DPS and the hubs over MQTT, packet by packet, with a plain MQTT client (Eclipse Paho) as a device SDK uses it: the
 * CONNECT with the device's SAS token as the password (or a faulty one), its return code, subscriptions and the QoS
 * granted, register and status requests and their answers' topics, telemetry, and whether the connection stayed open.
 */
public final class MqttProtocolSteps {
    static final String DPS_API_VERSION = "api-version=2019-03-31";
    static final String HUB_API_VERSION = "?api-version=2021-04-12";
    private static final String REGISTER = "$dps/registrations/PUT/iotdps-register/?$rid=";
    private static final String STATUS = "$dps/registrations/GET/iotdps-get-operationstatus/?$rid=";
    private static final Duration POLL_DEADLINE = Duration.ofSeconds(30);

    private final ScenarioTarget target;
    private final DeviceRoster devices;
    private final DeviceTokens tokens;
    private final MqttConnections mqtt;
    private final Map<String, Integer> granted = new HashMap<>();
    private final Map<String, MqttAnswer> lastAnswers = new HashMap<>();
    private final Map<String, Boolean> lastPublishes = new HashMap<>();

    public MqttProtocolSteps(ScenarioTarget target, DeviceRoster devices, DeviceTokens tokens, MqttConnections mqtt) {
        this.target = target;
        this.devices = devices;
        this.tokens = tokens;
        this.mqtt = mqtt;
    }

    @ParameterType("valid token|tampered token|expired token|DPS token|token signed with a key of its own making"
            + "|token for registration \"[^\"]+\"")
    public RawAuthorization sasToken(String words) {
        return RawAuthorization.parse(words);
    }

    @When("device {string} connects to DPS over MQTT with a(n) {sasToken}")
    public void connectsToDps(String name, RawAuthorization token) {
        connectToDps(name, name, tokens.token(name, tokens.dps(name), token));
    }

    /** Device {@code name}'s token, presented by a client that says it is registration {@code other}. */
    @When("device {string} connects to DPS over MQTT as registration {string} with a(n) {sasToken}")
    public void connectsToDpsAsAnother(String name, String other, RawAuthorization token) {
        connectToDps(name, other, tokens.token(name, tokens.dps(name), token));
    }

    @When("device {string} connects to DPS over MQTT with the password {string}")
    public void connectsToDpsWithPassword(String name, String password) {
        connectToDps(name, name, Optional.of(password));
    }

    @When("device {string} connects to its hub over MQTT with a(n) {sasToken}")
    public void connectsToHub(String name, RawAuthorization token) {
        RegistrationResult assigned = assigned(name);
        SasAudience.Hub hub = new SasAudience.Hub(assigned.assignedHub(), assigned.assignedHub(), assigned.deviceId());
        mqtt.connect(name, mqtt.hubServerUri(hub.host()), hub.deviceId(), hub.host() + "/" + hub.deviceId() + "/" + HUB_API_VERSION,
                tokens.token(name, hub, token));
    }

    @Then("the CONNECT of {string} is accepted")
    public void accepted(String name) {
        assertThat(mqtt.lastReturnCode(name)).as(mqtt.evidence(name)).isZero();
    }

    @Then("the CONNECT of {string} is refused with return code {int}")
    public void refused(String name, int returnCode) {
        assertThat(mqtt.lastReturnCode(name)).as(mqtt.evidence(name)).isEqualTo(returnCode);
    }

    @When("device {string} subscribes over MQTT to {string} at QoS {int}")
    public void subscribes(String name, String filter, int qos) throws MqttException {
        granted.put(name, mqtt.latest(name).subscribe(filter, qos));
    }

    @Then("the subscription of {string} is granted QoS {int}")
    public void grantedQos(String name, int qos) {
        assertThat(granted.get(name)).as(mqtt.evidence(name)).isEqualTo(qos);
    }

    @When("device {string} registers over MQTT")
    public void registers(String name) throws InterruptedException {
        request(name, REGISTER, "", "{\"registrationId\":\"" + mqtt.latest(name).clientId() + "\"}");
    }

    /** Polls the operation of the device's last 202 answer, waiting as long as each answer's retry-after says. */
    @When("device {string} polls over MQTT until its registration is no longer assigning")
    public void pollsUntilDone(String name) throws InterruptedException {
        String operationId = lastAnswer(name).json().getString("operationId", "");
        long end = System.nanoTime() + POLL_DEADLINE.toNanos();
        while (lastAnswer(name).status() == 202 && System.nanoTime() < end) {
            Thread.sleep(Duration.ofSeconds(lastAnswer(name).retryAfter().map(Long::parseLong).orElse(1L)).toMillis());
            request(name, STATUS, "&operationId=" + operationId, "");
        }
    }

    @When("device {string} publishes {string} over MQTT to {string}")
    public void publishes(String name, String body, String topic) {
        lastPublishes.put(name, mqtt.latest(name).publish(topic, body, 1));
    }

    @When("device {string} sends {string} to its hub over MQTT at QoS {int}")
    public void sendsTelemetry(String name, String body, int qos) {
        lastPublishes.put(name, mqtt.latest(name).publish("devices/" + assigned(name).deviceId() + "/messages/events/", body, qos));
    }

    @Then("the last MQTT publish of {string} was acknowledged")
    public void publishAcknowledged(String name) {
        assertThat(lastPublishes.get(name)).as(mqtt.evidence(name)).isTrue();
    }

    @Then("the last MQTT publish of {string} was not acknowledged")
    public void publishNotAcknowledged(String name) {
        assertThat(lastPublishes.get(name)).as(mqtt.evidence(name)).isFalse();
    }

    @Then("the MQTT connection of {string} is open")
    public void open(String name) {
        assertThat(mqtt.latest(name).isOpen()).as(mqtt.evidence(name)).isTrue();
    }

    @Then("the MQTT connection of {string} is closed")
    public void closed(String name) throws InterruptedException {
        assertThat(mqtt.latest(name).awaitClosed()).as(mqtt.evidence(name)).isTrue();
    }

    @Then("the first MQTT connection of {string} is closed")
    public void firstClosed(String name) throws InterruptedException {
        assertThat(mqtt.first(name)).as("a second connection").isNotSameAs(mqtt.latest(name));
        assertThat(mqtt.first(name).awaitClosed()).as(mqtt.evidence(name)).isTrue();
    }

    @Then("the MQTT answer to {string} has status {int}")
    public void answerStatus(String name, int status) {
        assertThat(lastAnswer(name).status()).as(mqtt.evidence(name)).isEqualTo(status);
    }

    @Then("the MQTT answer to {string} has status {int} and retry-after {int}")
    public void answerRetryAfter(String name, int status, int seconds) {
        answerStatus(name, status);
        assertThat(lastAnswer(name).retryAfter()).as(mqtt.evidence(name)).contains(Integer.toString(seconds));
    }

    @Then("the MQTT answer to {string} has status {int} and a retry-after")
    public void answerSomeRetryAfter(String name, int status) {
        answerStatus(name, status);
        assertThat(lastAnswer(name).retryAfter()).as(mqtt.evidence(name)).hasValueSatisfying(seconds -> assertThat(seconds).matches("\\d+"));
    }

    @Then("the MQTT answer to {string} says the registration is {status}")
    public void answerRegistration(String name, RegistrationStatus status) {
        JsonObject body = lastAnswer(name).json();
        assertThat(body.getString("status", "")).as(mqtt.evidence(name)).isEqualTo(status.wireName());
        if (status == RegistrationStatus.ASSIGNED) {
            assertThat(body.getJsonObject("registrationState").getString("assignedHub", "")).as(mqtt.evidence(name)).isNotBlank();
        }
    }

    /** {@code errorCode} names the status in its first three digits, as over HTTPS. */
    @Then("the MQTT answer to {string} is a DPS error of status {int}")
    public void answerErrorOfStatus(String name, int status) {
        answerStatus(name, status);
        JsonObject error = lastAnswer(name).json();
        assertThat(error.getInt("errorCode", 0) / 1000).as(mqtt.evidence(name)).isEqualTo(status);
        assertThat(error.getString("trackingId", "")).as(mqtt.evidence(name)).isNotBlank();
        assertThat(error.getString("message", "")).as(mqtt.evidence(name)).isNotBlank();
    }

    @Then("the MQTT answer to {string} is a DPS error {int}")
    public void answerError(String name, int errorCode) {
        answerErrorOfStatus(name, errorCode / 1000);
        assertThat(lastAnswer(name).json().getInt("errorCode", 0)).as(mqtt.evidence(name)).isEqualTo(errorCode);
    }

    /** The first answer had {@code first}, the last {@code last}, and all between them {@code first}. */
    @Then("the MQTT answers to {string} went from status {int} to {int}")
    public void answersWent(String name, int first, int last) {
        List<Integer> statuses = mqtt.latest(name).received().stream().map(MqttAnswer::status).toList();
        assertThat(statuses).as(mqtt.evidence(name)).hasSizeGreaterThanOrEqualTo(2).startsWith(first).endsWith(last);
        assertThat(statuses.subList(0, statuses.size() - 1)).as(mqtt.evidence(name)).containsOnly(first);
    }

    /** Device {@code name} connects with the client id and user name of registration {@code as}. */
    private void connectToDps(String name, String as, Optional<String> password) {
        String registrationId = target.id(as);
        mqtt.connect(name, mqtt.dpsServerUri(), registrationId, target.dpsEndpoint().idScope() + "/registrations/" + registrationId
                + "/" + DPS_API_VERSION, password);
    }

    private void request(String name, String topic, String parameters, String body) throws InterruptedException {
        DeviceMqttConnection connection = mqtt.latest(name);
        String rid = connection.nextRequestId();
        if (!connection.publish(topic + rid + parameters, body, 1)) {
            throw new AssertionError("DPS did not take the request of '" + name + "'; " + mqtt.evidence(name));
        }
        lastAnswers.put(name, connection.awaitAnswer(rid).orElseThrow(() -> new AssertionError("no answer to request " + rid
                + " of '" + name + "' (did it subscribe to $dps/registrations/res/#?); " + mqtt.evidence(name))));
    }

    private MqttAnswer lastAnswer(String name) {
        MqttAnswer answer = lastAnswers.get(name);
        if (answer == null) {
            throw new AssertionError("device '" + name + "' has had no answer over MQTT; " + mqtt.evidence(name));
        }
        return answer;
    }

    private RegistrationResult assigned(String name) {
        return devices.result(name).orElseThrow(() -> new AssertionError("device '" + name + "' is not assigned; register it first"));
    }
}
