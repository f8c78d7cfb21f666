package dev.dpsrig.simulator.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FaultRulesTest {
    private final AtomicInteger ids = new AtomicInteger();
    private final Supplier<String> nextId = () -> "gen-" + ids.incrementAndGet();

    static Stream<Arguments> everyKind() {
        return Stream.of(
                Arguments.of("{'endpoint':'register','kind':'throttle','retryAfter':2}", new Fault.Throttle(2)),
                Arguments.of("{'endpoint':'register','kind':'throttle'}", new Fault.Throttle(1)),
                Arguments.of("{'endpoint':'hub-send','kind':'server-error','status':500}", new Fault.ServerError(500)),
                Arguments.of("{'endpoint':'hub-c2d','kind':'server-error'}", new Fault.ServerError(503)),
                Arguments.of("{'endpoint':'status-lookup','kind':'delay','delayMillis':250}", new Fault.Delay(Duration.ofMillis(250))),
                Arguments.of("{'endpoint':'register','kind':'drop-connection'}", new Fault.DropConnection(Fault.DropPoint.AFTER_REQUEST)),
                Arguments.of("{'endpoint':'register','kind':'drop-connection','at':'mid-response'}",
                        new Fault.DropConnection(Fault.DropPoint.MID_RESPONSE)),
                Arguments.of("{'endpoint':'operation-lookup','kind':'malformed-answer','malformation':'truncated-json'}",
                        new Fault.MalformedAnswer(Fault.Malformation.TRUNCATED_JSON)),
                Arguments.of("{'endpoint':'status-lookup','kind':'malformed-answer','malformation':'truncated-json'}",
                        new Fault.MalformedAnswer(Fault.Malformation.TRUNCATED_JSON)),
                Arguments.of("{'endpoint':'register','kind':'malformed-answer','malformation':'missing-operation-id'}",
                        new Fault.MalformedAnswer(Fault.Malformation.MISSING_OPERATION_ID)),
                Arguments.of("{'endpoint':'operation-lookup','kind':'malformed-answer','malformation':'non-integer-retry-after'}",
                        new Fault.MalformedAnswer(Fault.Malformation.NON_INTEGER_RETRY_AFTER)),
                Arguments.of("{'endpoint':'service-api','kind':'authentication-error'}", new Fault.AuthenticationError()),
                Arguments.of("{'endpoint':'register','kind':'assignment-failed','errorCode':400208,'errorMessage':'no hub'}",
                        new Fault.AssignmentFailed(400208, "no hub")),
                Arguments.of("{'endpoint':'register','kind':'assignment-failed'}",
                        new Fault.AssignmentFailed(400209, "the assignment failed (injected fault)")),
                Arguments.of("{'endpoint':'register','kind':'keep-assigning','polls':4}", new Fault.KeepAssigning(4)),
                Arguments.of("{'endpoint':'dps-handshake','kind':'slow-handshake','delayMillis':900}",
                        new Fault.SlowHandshake(Duration.ofMillis(900))),
                Arguments.of("{'endpoint':'hub-handshake','kind':'Slow-Handshake','delayMillis':0}",
                        new Fault.SlowHandshake(Duration.ZERO)),
                Arguments.of("{'endpoint':'dps-connect','kind':'connect-refused','connackCode':5}", new Fault.ConnectRefused(5)),
                Arguments.of("{'endpoint':'dps-connect','kind':'connect-refused'}", new Fault.ConnectRefused(3)),
                Arguments.of("{'endpoint':'hub-connect','kind':'connect-refused','connackCode':4}", new Fault.ConnectRefused(4)));
    }

    @ParameterizedTest
    @MethodSource("everyKind")
    void parsesEveryKindAndRoundTrips(String json, Fault expected) {
        FaultRule rule = parse(json);

        assertThat(rule.fault()).isEqualTo(expected);
        assertThat(rule.id()).isEqualTo("gen-1");
        assertThat(rule.devices()).isEqualTo(DeviceMatcher.EVERY_DEVICE);
        assertThat(rule.when()).isEqualTo(new Trigger.Always());
        assertThat(rule.times()).isEmpty();
        assertThat(FaultRules.parse(FaultRules.toJson(rule), () -> "unused")).isEqualTo(rule);
    }

    static Stream<Arguments> everyTrigger() {
        return Stream.of(
                Arguments.of("'calls':'3'", new Trigger.Calls(3, 3)),
                Arguments.of("'calls':3", new Trigger.Calls(3, 3)),
                Arguments.of("'calls':'2..4'", new Trigger.Calls(2, 4)),
                Arguments.of("'calls':' 2 .. 4 '", new Trigger.Calls(2, 4)),
                Arguments.of("'calls':'5..'", new Trigger.Calls(5, Long.MAX_VALUE)),
                Arguments.of("'probability':0.3,'seed':42", new Trigger.Probability(0.3, 42)),
                Arguments.of("'probability':1", new Trigger.Probability(1, 0)),
                Arguments.of("'window':'10..30'", new Trigger.Window(Duration.ofSeconds(10), Duration.ofSeconds(30))),
                Arguments.of("'window':'0.5..1.25'", new Trigger.Window(Duration.ofMillis(500), Duration.ofMillis(1250))),
                Arguments.of("'window':'60..'", new Trigger.Window(Duration.ofSeconds(60), Duration.ofDays(36_500))));
    }

    @ParameterizedTest
    @MethodSource("everyTrigger")
    void parsesEveryTriggerAndRoundTrips(String trigger, Trigger expected) {
        FaultRule rule = parse("{'id':'t','endpoint':'register','device':'sensor-*','kind':'throttle','times':3," + trigger + "}");

        assertThat(rule.when()).isEqualTo(expected);
        assertThat(rule.devices()).isEqualTo(new DeviceMatcher("sensor-*"));
        assertThat(rule.times()).isEqualTo(OptionalLong.of(3));
        assertThat(FaultRules.parse(FaultRules.toJson(rule), () -> "unused")).isEqualTo(rule);
    }

    @Test
    void toJsonWritesTheDocumentedFields() {
        FaultRule rule = parse("{'id':'first-register-throttled','endpoint':'register','device':'my-dev','kind':'throttle',"
                + "'retryAfter':2,'calls':'1','times':1}");

        assertThat(FaultRules.toJson(rule)).isEqualTo(json("{'id':'first-register-throttled','endpoint':'register',"
                + "'device':'my-dev','kind':'throttle','calls':'1','times':1,'retryAfter':2}"));
    }

    @Test
    void aRecordAsJson() {
        FaultRecord record = new FaultRecord(7, "r", Endpoint.OPERATION_LOOKUP, "dev-1", 3,
                java.time.Instant.parse("2025-01-02T03:04:05Z"), new Fault.Throttle(1));

        assertThat(FaultRules.toJson(record)).isEqualTo(json("{'sequence':7,'rule':'r','endpoint':'operation-lookup',"
                + "'device':'dev-1','call':3,'at':'2025-01-02T03:04:05Z','kind':'throttle'}"));
    }

    @Test
    void aPlanIsAListOrAnObjectHoldingOne() {
        List<FaultRule> list = FaultRules.parsePlan(jsonValue("[{'endpoint':'register','kind':'throttle'},"
                + "{'id':'mine','endpoint':'hub-send','kind':'server-error'}]"), nextId);
        assertThat(list).extracting(FaultRule::id).containsExactly("gen-1", "mine");

        List<FaultRule> wrapped = FaultRules.parsePlan(jsonValue("{'rules':[{'id':'a','endpoint':'register','kind':'throttle'}]}"), nextId);
        assertThat(wrapped).extracting(FaultRule::id).containsExactly("a");

        assertThatThrownBy(() -> FaultRules.parsePlan(jsonValue("{'rule':[]}"), nextId))
                .hasMessage("a fault plan is a list of rules, or an object whose \"rules\" is one");
        assertThatThrownBy(() -> FaultRules.parsePlan(jsonValue("[{'endpoint':'register','kind':'throttle'}, 3]"), nextId))
                .hasMessage("rule 2 is not an object");
        assertThatThrownBy(() -> FaultRules.parsePlan(jsonValue("[{'endpoint':'register','kind':'throttle'},"
                + "{'endpoint':'register','kind':'nope'}]"), nextId))
                .hasMessageStartingWith("rule 2: unknown kind 'nope'");
    }

    static Stream<Arguments> invalidRules() {
        return Stream.of(
                Arguments.of("{'endpoint':'register','kind':'throttle','retryafter':2}", "unknown field 'retryafter'; the fields are ["),
                Arguments.of("{'endpoint':'register','kind':'explode'}", "unknown kind 'explode'; one of throttle, server-error"),
                Arguments.of("{'endpoint':'registry','kind':'throttle'}", "unknown endpoint 'registry'; one of register, operation-lookup"),
                Arguments.of("{'kind':'throttle'}", "\"endpoint\" is required"),
                Arguments.of("{'endpoint':'register'}", "\"kind\" is required"),
                Arguments.of("{'endpoint':'register','kind':'throttle','calls':'1','window':'0..5'}",
                        "give at most one of calls, probability and window, not [calls, window]"),
                Arguments.of("{'endpoint':'register','kind':'throttle','calls':'2','probability':0.5}",
                        "give at most one of calls, probability and window, not [calls, probability]"),
                Arguments.of("{'endpoint':'register','kind':'throttle','calls':'two'}", "calls 'two' is not N, N..M or N.."),
                Arguments.of("{'endpoint':'register','kind':'throttle','calls':'..3'}", "calls '..3' is not N, N..M or N.."),
                Arguments.of("{'endpoint':'register','kind':'throttle','calls':'1..2..3'}", "calls '1..2..3' is not N, N..M or N.."),
                Arguments.of("{'endpoint':'register','kind':'throttle','calls':'0'}", "calls 0..0: the range starts at 1 or later"),
                Arguments.of("{'endpoint':'register','kind':'throttle','calls':'4..2'}", "calls 4..2: the range starts at 1 or later"),
                Arguments.of("{'endpoint':'register','kind':'throttle','seed':3}", "seed goes with probability"),
                Arguments.of("{'endpoint':'register','kind':'throttle','probability':0}", "a probability is in (0, 1], not 0.0"),
                Arguments.of("{'endpoint':'register','kind':'throttle','probability':1.5}", "a probability is in (0, 1], not 1.5"),
                Arguments.of("{'endpoint':'register','kind':'throttle','probability':0.5,'seed':1.5}",
                        "\"seed\" must be a whole number, not 1.5"),
                Arguments.of("{'endpoint':'register','kind':'throttle','window':'30..10'}", "a window PT30S..PT10S must start at 0"),
                Arguments.of("{'endpoint':'register','kind':'throttle','window':'10'}", "window '10' is not FROM..TO or FROM.. in seconds"),
                Arguments.of("{'endpoint':'register','kind':'throttle','times':0}", "times must be at least 1, not 0"),
                Arguments.of("{'endpoint':'register','kind':'throttle','times':'2'}", "\"times\" must be a number, not \"2\""),
                Arguments.of("{'endpoint':'register','kind':'throttle','retryAfter':-1}", "retry-after must be at least 0 seconds, not -1"),
                Arguments.of("{'endpoint':'register','kind':'server-error','status':502}", "a server error is status 500 or 503, not 502"),
                Arguments.of("{'endpoint':'register','kind':'delay'}", "\"delayMillis\" must be a number"),
                Arguments.of("{'endpoint':'register','kind':'drop-connection','at':'mid-request'}",
                        "at 'mid-request' is not one of [after-request, mid-response]"),
                Arguments.of("{'endpoint':'register','kind':'malformed-answer'}", "\"malformation\" is required"),
                Arguments.of("{'endpoint':'hub-send','kind':'malformed-answer','malformation':'truncated-json'}",
                        "truncated-json damages a DPS register, operation-lookup or status-lookup answer, not hub-send"),
                Arguments.of("{'endpoint':'status-lookup','kind':'malformed-answer','malformation':'missing-operation-id'}",
                        "missing-operation-id damages a DPS register or operation-lookup answer, not status-lookup"),
                Arguments.of("{'endpoint':'register','kind':'slow-handshake','delayMillis':100}",
                        "slow-handshake applies to the endpoints dps-handshake and hub-handshake, not register"),
                Arguments.of("{'endpoint':'dps-handshake','kind':'throttle'}",
                        "on dps-handshake only slow-handshake can strike (no request has been read yet)"),
                Arguments.of("{'endpoint':'hub-handshake','device':'sensor-*','kind':'slow-handshake','delayMillis':100}",
                        "a handshake happens before any device is known: the device pattern must be *"),
                Arguments.of("{'endpoint':'operation-lookup','kind':'keep-assigning','polls':2}",
                        "keep-assigning decides how a registration ends: its endpoint is register, not operation-lookup"),
                Arguments.of("{'endpoint':'hub-send','kind':'assignment-failed'}",
                        "assignment-failed decides how a registration ends: its endpoint is register, not hub-send"),
                Arguments.of("{'endpoint':'register','kind':'keep-assigning','polls':0}", "keep-assigning needs at least 1 poll, not 0"),
                Arguments.of("{'id':'no spaces','endpoint':'register','kind':'throttle'}",
                        "rule id 'no spaces' may hold 1-64 letters, digits and - . _"),
                Arguments.of("{'endpoint':'register','device':'','kind':'throttle'}", "a device pattern cannot be empty"),
                Arguments.of("{'endpoint':'register','kind':'throttle','transport':'amqp'}",
                        "unknown transport 'amqp'; one of https, mqtt"),
                Arguments.of("{'endpoint':'dps-handshake','kind':'slow-handshake','delayMillis':1,'transport':'mqtt'}",
                        "a handshake rule strikes the handshakes of every listener of its endpoint: leave out transport"),
                Arguments.of("{'endpoint':'register','kind':'connect-refused'}",
                        "connect-refused answers an MQTT CONNECT: its endpoint is dps-connect or hub-connect, not register"),
                Arguments.of("{'endpoint':'hub-connect','kind':'delay','delayMillis':5}",
                        "on hub-connect only connect-refused can strike (no topic has been published to yet)"),
                Arguments.of("{'endpoint':'hub-connect','kind':'connect-refused','transport':'https'}",
                        "hub-connect is an MQTT CONNECT: its transport is mqtt, not https"),
                Arguments.of("{'endpoint':'hub-c2d','kind':'throttle','transport':'mqtt'}",
                        "hub-c2d strikes the HTTPS receive and settle calls; over MQTT the hub pushes cloud-to-device messages and"
                        + " no call arrives to strike: its transport is https"),
                Arguments.of("{'endpoint':'dps-connect','kind':'throttle'}",
                        "on dps-connect only connect-refused can strike (no topic has been published to yet)"),
                Arguments.of("{'endpoint':'dps-connect','kind':'connect-refused','transport':'https'}",
                        "dps-connect is an MQTT CONNECT: its transport is mqtt, not https"),
                Arguments.of("{'endpoint':'dps-connect','kind':'connect-refused','connackCode':0}",
                        "an MQTT 3.1.1 CONNACK refuses with return code 1 to 5, not 0"));
    }

    @ParameterizedTest
    @MethodSource("invalidRules")
    void invalidRulesSayWhatIsWrong(String json, String message) {
        assertThatThrownBy(() -> parse(json)).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(message);
    }

    @Test
    void aTransportKeepsARuleToItsProtocolAndRoundTrips() {
        FaultRule rule = parse("{'id':'m','endpoint':'register','kind':'throttle','transport':'MQTT'}");

        assertThat(rule.transport()).contains(Transport.MQTT);
        assertThat(FaultRules.toJson(rule).getString("transport")).isEqualTo("mqtt");
        assertThat(FaultRules.parse(FaultRules.toJson(rule), () -> "unused")).isEqualTo(rule);
        assertThat(parse("{'endpoint':'register','kind':'throttle'}").transport()).as("both transports").isEmpty();
    }

    @Test
    void endpointsAndKindsAreCaseInsensitive() {
        FaultRule rule = parse("{'endpoint':'Operation-Lookup','kind':'SERVER-ERROR'}");

        assertThat(rule.endpoint()).isEqualTo(Endpoint.OPERATION_LOOKUP);
        assertThat(rule.fault()).isEqualTo(new Fault.ServerError(503));
    }

    @Test
    void devicePatterns() {
        assertThat(new DeviceMatcher("sensor-*").matches("sensor-12")).isTrue();
        assertThat(new DeviceMatcher("sensor-*").matches("SENSOR-12")).isTrue();
        assertThat(new DeviceMatcher("sensor-*").matches("my-sensor-12")).isFalse();
        assertThat(new DeviceMatcher("sensor-?").matches("sensor-1")).isTrue();
        assertThat(new DeviceMatcher("sensor-?").matches("sensor-12")).isFalse();
        assertThat(new DeviceMatcher("a.b").matches("axb")).as("a dot is a dot").isFalse();
        assertThat(new DeviceMatcher("dev-1").matches("dev-1")).isTrue();
        assertThat(new DeviceMatcher("dev-1").matches("dev-10")).isFalse();
        assertThat(DeviceMatcher.EVERY_DEVICE.matches("")).isTrue();
    }

    private FaultRule parse(String singleQuoted) {
        return FaultRules.parse(json(singleQuoted), nextId);
    }

    private static JsonObject json(String singleQuoted) {
        return jsonValue(singleQuoted).asJsonObject();
    }

    private static JsonValue jsonValue(String singleQuoted) {
        return Json.createReader(new StringReader(singleQuoted.replace('\'', '"'))).readValue();
    }
}
