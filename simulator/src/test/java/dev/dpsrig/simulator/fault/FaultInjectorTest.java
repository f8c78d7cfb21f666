package dev.dpsrig.simulator.fault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dpsrig.simulator.dps.MutableClock;
import dev.dpsrig.simulator.dps.OutcomeOverride;
import dev.dpsrig.simulator.quota.QuotaProfile;
import dev.dpsrig.simulator.quota.Quotas;
import dev.dpsrig.simulator.quota.Rate;
import jakarta.json.Json;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a front door is told to do with a call, from the fault plan first and the quotas after. */
class FaultInjectorTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));
    private final FaultPlan plan = new FaultPlan(clock);
    private final List<Call> metered = new ArrayList<>();
    private final FaultInjector faults = FaultInjector.of(plan, call -> {
        metered.add(call);
        return Optional.empty();
    });

    @Test
    void aCallNoRuleStrikesIsServedAsItIs() {
        assertThat(faults.arriving(Call.toDps(Transport.HTTPS, Endpoint.REGISTER, "dev-1"))).isEqualTo(Injection.Proceed.UNTOUCHED);
        assertThat(metered).containsExactly(Call.toDps(Transport.HTTPS, Endpoint.REGISTER, "dev-1"));
    }

    @Test
    void refusalsSayWhatStruckAndWhere() {
        plan.add(rule("{'id':'t','endpoint':'register','kind':'throttle','retryAfter':7,'calls':'1'}"));
        plan.add(rule("{'id':'s','endpoint':'register','kind':'server-error','status':500,'calls':'2'}"));
        plan.add(rule("{'id':'a','endpoint':'hub-send','kind':'authentication-error'}"));

        assertThat(faults.arriving(Call.toDps(Transport.HTTPS, Endpoint.REGISTER, "dev-1"))).isEqualTo(new Injection.Refuse(
                new Refusal.Throttled(7, "too many requests, retry after 7 s (injected fault, register)")));
        assertThat(faults.arriving(Call.toDps(Transport.HTTPS, Endpoint.REGISTER, "dev-1"))).isEqualTo(new Injection.Refuse(
                new Refusal.ServerError(500, "the service is unavailable (injected fault, register)")));
        assertThat(faults.arriving(Call.toHub(Transport.HTTPS, "hub-a", Endpoint.HUB_SEND, "dev-1", true))).isEqualTo(new Injection.Refuse(
                new Refusal.Unauthorized("authentication failed (injected fault, hub-send)")));
        assertThat(metered).as("a call a rule struck is not counted against a quota").isEmpty();
    }

    @Test
    void aRuleCanDelayDamageOrDecideTheOutcomeOfACallItLetsThrough() {
        plan.add(rule("{'id':'d','endpoint':'register','kind':'delay','delayMillis':250,'calls':'1'}"));
        plan.add(rule("{'id':'m','endpoint':'register','kind':'malformed-answer','malformation':'truncated-json','calls':'2'}"));
        plan.add(rule("{'id':'f','endpoint':'register','kind':'assignment-failed','errorCode':400209,'errorMessage':'no','calls':'3'}"));
        plan.add(rule("{'id':'k','endpoint':'register','kind':'keep-assigning','polls':4,'calls':'4'}"));

        List<Injection> injections = List.of(1, 2, 3, 4).stream().map(i -> faults.arriving(Call.toDps(Transport.HTTPS, Endpoint.REGISTER, "d")))
                .toList();

        assertThat(injections).containsExactly(
                new Injection.Proceed(Duration.ofMillis(250), Optional.empty(), Optional.empty()),
                new Injection.Proceed(Duration.ZERO, Optional.of(Fault.Malformation.TRUNCATED_JSON), Optional.empty()),
                new Injection.Proceed(Duration.ZERO, Optional.empty(), Optional.of(new OutcomeOverride.Fail(400209, "no"))),
                new Injection.Proceed(Duration.ZERO, Optional.empty(), Optional.of(new OutcomeOverride.HoldAssigning(4))));
    }

    @Test
    void aDropSaysWhereTheConnectionCloses() {
        plan.add(rule("{'id':'x','endpoint':'operation-lookup','kind':'drop-connection','at':'mid-response'}"));

        assertThat(faults.arriving(Call.toDps(Transport.HTTPS, Endpoint.OPERATION_LOOKUP, "dev-1"))).isEqualTo(
                new Injection.Drop(Fault.DropPoint.MID_RESPONSE, "connection dropped (injected fault, operation-lookup)"));
    }

    @Test
    void quotasRefuseTheCallsTheyMeterInTheSameShapeAsAThrottleRule() {
        QuotaProfile profile = new QuotaProfile("tiny", Map.of(QuotaProfile.Quota.C2D_RECEIVES, Rate.parse("1/min")));
        FaultInjector quotas = FaultInjector.of(plan, new Quotas(profile, clock)::admit);

        assertThat(quotas.arriving(Call.toHub(Transport.HTTPS, "hub-a", Endpoint.HUB_C2D, "dev-1", true))).isEqualTo(Injection.Proceed.UNTOUCHED);
        assertThat(quotas.arriving(Call.toHub(Transport.HTTPS, "hub-a", Endpoint.HUB_C2D, "dev-2", false)))
                .as("settling a message is not metered").isEqualTo(Injection.Proceed.UNTOUCHED);
        assertThat(quotas.arriving(Call.toHub(Transport.HTTPS, "hub-a", Endpoint.HUB_C2D, "dev-2", true))).isInstanceOfSatisfying(Injection.Refuse.class,
                refuse -> assertThat(refuse.refusal()).isInstanceOfSatisfying(Refusal.Throttled.class, throttled -> {
                    assertThat(throttled.retryAfterSeconds()).isEqualTo(60);
                    assertThat(throttled.message()).startsWith("quota exceeded: c2d-receives 1/min (profile tiny); retry after 60 s");
                }));
    }

    @Test
    void onlyASlowHandshakeRuleDelaysAHandshake() {
        plan.add(rule("{'id':'h','endpoint':'dps-handshake','kind':'slow-handshake','delayMillis':1500,'calls':'1'}"));

        assertThat(faults.handshakeDelay(Endpoint.DPS_HANDSHAKE)).contains(Duration.ofMillis(1500));
        assertThat(faults.handshakeDelay(Endpoint.DPS_HANDSHAKE)).isEmpty();
        assertThat(faults.handshakeDelay(Endpoint.HUB_HANDSHAKE)).isEmpty();
    }

    @Test
    void aRuleThatNamesATransportStrikesOnlyCallsOverIt() {
        plan.add(rule("{'id':'m','endpoint':'register','kind':'server-error','transport':'mqtt'}"));
        plan.add(rule("{'id':'h','endpoint':'operation-lookup','kind':'server-error','status':500,'transport':'https'}"));

        assertThat(faults.arriving(Call.toDps(Transport.HTTPS, Endpoint.REGISTER, "dev-1"))).isEqualTo(Injection.Proceed.UNTOUCHED);
        assertThat(faults.arriving(Call.toDps(Transport.MQTT, Endpoint.REGISTER, "dev-1"))).isEqualTo(new Injection.Refuse(
                new Refusal.ServerError(503, "the service is unavailable (injected fault, register)")));
        assertThat(faults.arriving(Call.toDps(Transport.MQTT, Endpoint.OPERATION_LOOKUP, "dev-1")))
                .isEqualTo(Injection.Proceed.UNTOUCHED);
        assertThat(faults.arriving(Call.toDps(Transport.HTTPS, Endpoint.OPERATION_LOOKUP, "dev-1"))).isInstanceOf(Injection.Refuse.class);
        assertThat(metered).as("a call no rule struck is metered, over either transport").hasSize(2);
    }

    @Test
    void aRuleForBothTransportsStrikesEitherAndAHandshakeMeetsOnlySuchRules() {
        plan.add(rule("{'id':'b','endpoint':'register','kind':'throttle','retryAfter':2}"));
        plan.add(rule("{'id':'s','endpoint':'dps-handshake','kind':'slow-handshake','delayMillis':40}"));

        assertThat(faults.arriving(Call.toDps(Transport.HTTPS, Endpoint.REGISTER, "d"))).isInstanceOf(Injection.Refuse.class);
        assertThat(faults.arriving(Call.toDps(Transport.MQTT, Endpoint.REGISTER, "d"))).isInstanceOf(Injection.Refuse.class);
        assertThat(faults.handshakeDelay(Endpoint.DPS_HANDSHAKE)).contains(Duration.ofMillis(40));
    }

    @Test
    void aConnectRefusalNamesItsConnackCodeForTheDevicesItMatches() {
        plan.add(rule("{'id':'c','endpoint':'dps-connect','device':'dev-1','kind':'connect-refused','connackCode':5,'calls':'1'}"));

        assertThat(faults.connectRefusal(Call.toDps(Transport.MQTT, Endpoint.DPS_CONNECT, "dev-2"))).isEmpty();
        assertThat(faults.connectRefusal(Call.toDps(Transport.MQTT, Endpoint.DPS_CONNECT, "dev-1"))).hasValue(5);
        assertThat(faults.connectRefusal(Call.toDps(Transport.MQTT, Endpoint.DPS_CONNECT, "dev-1"))).as("its first CONNECT only").isEmpty();
        assertThat(plan.records()).extracting(FaultRecord::endpoint).containsExactly(Endpoint.DPS_CONNECT);
    }

    private static FaultRule rule(String json) {
        return FaultRules.parse(Json.createReader(new StringReader(json.replace('\'', '"'))).readObject(), () -> "generated");
    }
}
