package dev.dpsrig.simulator.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.dpsrig.simulator.dps.MutableClock;
import jakarta.json.Json;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FaultPlanTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));
    private final FaultPlan plan = new FaultPlan(clock);

    @Test
    void anEmptyPlanServesNothing() {
        assertThat(plan.strike(Endpoint.REGISTER, "dev-1")).isEmpty();
        assertThat(plan.records()).isEmpty();
    }

    @Test
    void callsAreCountedPerDevice() {
        plan.add(rule("{'id':'second','endpoint':'register','kind':'throttle','calls':'2'}"));

        List<Boolean> struck = List.of("a", "b", "a", "b", "a", "b").stream()
                .map(device -> plan.strike(Endpoint.REGISTER, device).isPresent()).toList();

        assertThat(struck).containsExactly(false, false, true, true, false, false);
        assertThat(plan.records()).extracting(FaultRecord::deviceId, FaultRecord::call).containsExactly(tuple("a", 2L), tuple("b", 2L));
    }

    @Test
    void aDevicesCallsAreCountedWithoutRegardToCase() {
        plan.add(rule("{'id':'second','endpoint':'register','kind':'throttle','calls':'2'}"));

        assertThat(plan.strike(Endpoint.REGISTER, "Dev-1")).isEmpty();
        assertThat(plan.strike(Endpoint.REGISTER, "dev-1")).contains(new Fault.Throttle(1));
        assertThat(plan.records()).extracting(FaultRecord::deviceId).containsExactly("dev-1");
    }

    @Test
    void callsAreCountedPerEndpointOfTheRule() {
        plan.add(rule("{'id':'lookups','endpoint':'operation-lookup','kind':'server-error','calls':'2..3'}"));

        plan.strike(Endpoint.REGISTER, "a");
        plan.strike(Endpoint.REGISTER, "a");
        List<Boolean> lookups = IntStream.range(0, 4).mapToObj(i -> plan.strike(Endpoint.OPERATION_LOOKUP, "a").isPresent()).toList();

        assertThat(lookups).containsExactly(false, true, true, false);
    }

    @Test
    void timesLimitsTheFaultsOfARuleInAll() {
        plan.add(rule("{'id':'twice','endpoint':'hub-send','kind':'throttle','times':2}"));

        List<Boolean> struck = List.of("a", "b", "c", "a").stream().map(device -> plan.strike(Endpoint.HUB_SEND, device).isPresent()).toList();

        assertThat(struck).containsExactly(true, true, false, false);
        assertThat(plan.servedCounts()).containsEntry("twice", 2L);
    }

    @Test
    void aSpentRuleLetsTheNextOneStrike() {
        plan.add(rule("{'id':'once','endpoint':'register','kind':'throttle','times':1}"));
        plan.add(rule("{'id':'always','endpoint':'register','kind':'server-error'}"));

        assertThat(plan.strike(Endpoint.REGISTER, "a")).contains(new Fault.Throttle(1));
        assertThat(plan.strike(Endpoint.REGISTER, "a")).contains(new Fault.ServerError(503));
        assertThat(plan.records()).extracting(FaultRecord::ruleId, FaultRecord::call).containsExactly(tuple("once", 1L), tuple("always", 2L));
    }

    @Test
    void theFirstRuleThatStrikesWinsButEveryMatchingRuleCountsTheCall() {
        plan.add(rule("{'id':'second-call','endpoint':'register','kind':'throttle','calls':'2'}"));
        plan.add(rule("{'id':'third-call','endpoint':'register','kind':'server-error','calls':'2..3'}"));
        plan.add(rule("{'id':'elsewhere','endpoint':'register','device':'other','kind':'delay','delayMillis':1}"));

        List<Optional<Fault>> faults = IntStream.range(0, 3).mapToObj(i -> plan.strike(Endpoint.REGISTER, "a")).toList();

        assertThat(faults).containsExactly(Optional.empty(), Optional.of(new Fault.Throttle(1)), Optional.of(new Fault.ServerError(503)));
        assertThat(plan.records()).extracting(FaultRecord::ruleId, FaultRecord::call)
                .as("third-call counted call 2 though second-call served it").containsExactly(tuple("second-call", 2L), tuple("third-call", 3L));
        assertThat(plan.servedCounts()).containsExactly(
                java.util.Map.entry("second-call", 1L), java.util.Map.entry("third-call", 1L), java.util.Map.entry("elsewhere", 0L));
    }

    @Test
    void aSeededProbabilityIsReproducibleAndIndependentOfHowDevicesInterleave() {
        String rule = "{'id':'flaky','endpoint':'register','kind':'throttle','probability':0.3,'seed':42}";
        FaultPlan oneAfterAnother = new FaultPlan(clock);
        oneAfterAnother.add(rule(rule));
        FaultPlan interleaved = new FaultPlan(clock);
        interleaved.add(rule(rule));
        List<String> devices = List.of("a", "b", "c", "d");

        for (String device : devices) {
            for (int call = 0; call < 50; call++) {
                oneAfterAnother.strike(Endpoint.REGISTER, device);
            }
        }
        for (int call = 0; call < 50; call++) {
            for (String device : devices.reversed()) {
                interleaved.strike(Endpoint.REGISTER, device);
            }
        }

        Set<String> first = struck(oneAfterAnother);
        assertThat(struck(interleaved)).isEqualTo(first);
        assertThat(first.size()).as("about 30% of 200 calls").isBetween(40, 80);
    }

    @Test
    void anotherSeedOrRuleIdStrikesOtherCalls() {
        Set<String> seed42 = struck(run("{'id':'flaky','endpoint':'register','kind':'throttle','probability':0.3,'seed':42}"));
        Set<String> seed43 = struck(run("{'id':'flaky','endpoint':'register','kind':'throttle','probability':0.3,'seed':43}"));
        Set<String> otherId = struck(run("{'id':'other','endpoint':'register','kind':'throttle','probability':0.3,'seed':42}"));

        assertThat(struck(run("{'id':'flaky','endpoint':'register','kind':'throttle','probability':0.3,'seed':42}"))).isEqualTo(seed42);
        assertThat(seed43).isNotEqualTo(seed42);
        assertThat(otherId).isNotEqualTo(seed42);
    }

    @Test
    void probabilityOneStrikesEveryCall() {
        FaultPlan every = run("{'id':'sure','endpoint':'register','kind':'throttle','probability':1}");

        assertThat(every.records()).hasSize(100);
    }

    @Test
    void aWindowCountsFromWhenTheRuleWasArmed() {
        clock.advance(Duration.ofMinutes(5));
        plan.add(rule("{'id':'outage','endpoint':'register','kind':'server-error','window':'10..20'}"));
        Instant armed = clock.instant();

        List<Boolean> struck = new ArrayList<>();
        for (long offset : new long[] {0, 9_999, 10_000, 19_999, 20_000, 60_000}) {
            clock.advance(Duration.between(clock.instant(), armed.plusMillis(offset)));
            struck.add(plan.strike(Endpoint.REGISTER, "a").isPresent());
        }

        assertThat(struck).containsExactly(false, false, true, true, false, false);
        assertThat(plan.records()).extracting(FaultRecord::at).containsExactly(armed.plusSeconds(10), armed.plusMillis(19_999));
    }

    @Test
    void handshakesHaveNoDevice() {
        plan.add(rule("{'id':'tls','endpoint':'dps-handshake','kind':'slow-handshake','delayMillis':5,'calls':'2'}"));

        assertThat(plan.strike(Endpoint.DPS_HANDSHAKE, "")).isEmpty();
        assertThat(plan.strike(Endpoint.HUB_HANDSHAKE, "")).isEmpty();
        assertThat(plan.strike(Endpoint.DPS_HANDSHAKE, "")).contains(new Fault.SlowHandshake(Duration.ofMillis(5)));
        assertThat(plan.records()).extracting(FaultRecord::endpoint, FaultRecord::deviceId, FaultRecord::call)
                .containsExactly(tuple(Endpoint.DPS_HANDSHAKE, "", 2L));
    }

    @Test
    void recordsAreNumberedAndTimedAndOutliveTheirRules() {
        plan.add(rule("{'id':'r','endpoint':'register','kind':'throttle'}"));
        plan.strike(Endpoint.REGISTER, "a");
        clock.advance(Duration.ofSeconds(3));
        plan.strike(Endpoint.REGISTER, "b");

        plan.clear();

        assertThat(plan.rules()).isEmpty();
        assertThat(plan.strike(Endpoint.REGISTER, "a")).isEmpty();
        assertThat(plan.records()).extracting(FaultRecord::sequence, FaultRecord::at)
                .containsExactly(tuple(1L, Instant.parse("2025-03-01T10:00:00Z")), tuple(2L, Instant.parse("2025-03-01T10:00:03Z")));
        plan.clearRecords();
        assertThat(plan.records()).isEmpty();
    }

    @Test
    void removingARuleDisarmsOnlyIt() {
        plan.add(rule("{'id':'a','endpoint':'register','kind':'throttle'}"));
        plan.add(rule("{'id':'b','endpoint':'hub-send','kind':'throttle'}"));

        assertThat(plan.remove("a")).isTrue();
        assertThat(plan.remove("a")).isFalse();
        assertThat(plan.rules()).extracting(FaultRule::id).containsExactly("b");
        assertThat(plan.strike(Endpoint.REGISTER, "x")).isEmpty();
        assertThat(plan.strike(Endpoint.HUB_SEND, "x")).isPresent();
    }

    @Test
    void ruleIdsAreUnique() {
        plan.add(rule("{'id':'rule-1','endpoint':'register','kind':'throttle'}"));

        assertThat(plan.nextRuleId()).as("rule-1 is taken").isEqualTo("rule-2");
        assertThatThrownBy(() -> plan.add(rule("{'id':'rule-1','endpoint':'hub-send','kind':'throttle'}")))
                .hasMessage("a rule with id 'rule-1' is already armed; clear it first or choose another id");
        assertThatThrownBy(() -> plan.addAll(List.of(rule("{'id':'x','endpoint':'register','kind':'throttle'}"),
                rule("{'id':'x','endpoint':'hub-send','kind':'throttle'}"))))
                .hasMessage("rule id 'x' is used twice");
        assertThat(plan.rules()).as("a refused plan arms none of its rules").extracting(FaultRule::id).containsExactly("rule-1");
    }

    private FaultPlan run(String rule) {
        FaultPlan fresh = new FaultPlan(clock);
        fresh.add(rule(rule));
        for (int call = 0; call < 25; call++) {
            for (String device : List.of("a", "b", "c", "d")) {
                fresh.strike(Endpoint.REGISTER, device);
            }
        }
        return fresh;
    }

    private static Set<String> struck(FaultPlan plan) {
        Set<String> struck = new HashSet<>();
        plan.records().forEach(record -> struck.add(record.deviceId() + "#" + record.call()));
        return struck;
    }

    private static FaultRule rule(String singleQuoted) {
        return FaultRules.parse(Json.createReader(new StringReader(singleQuoted.replace('\'', '"'))).readObject(), () -> "unnamed");
    }
}
