package dev.dpsrig.emulator.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.JsonValue;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class ThresholdTest {
    /** Ten devices, nine assigned; register requests of 1 to 100 ms; 20 messages, one failed; no telemetry latency. */
    private static FleetReport report() {
        Histogram register = FleetReport.histogram();
        for (int ms = 1; ms <= 100; ms++) {
            register.recordValue(ms * 1000L);
        }
        return new FleetReport(Optional.of(JsonValue.EMPTY_JSON_OBJECT), List.of("0/1"), 10, Map.of("assigned", 9L, "refused", 1L),
                Map.of("401002", 1L, "hub:ThrottlingException", 1L), 20, 19, 1, 10, register, FleetReport.histogram(),
                FleetReport.histogram(), List.of(), new FleetReport.Memory(0, 0, 0, 0, 0, 0), Map.of(), Optional.empty(),
                new Requests(Map.of("https register PUT", new EndpointStats(Map.of("202", 9L, "401", 1L), 3)), Map.of(),
                        FleetReport.histogram()));
    }

    private static Threshold.Result judge(String expression) {
        return Threshold.parse(expression).evaluate(report());
    }

    @Test
    void latencyThresholdsCompareMillisecondsWithTheGivenUnit() {
        assertThat(judge("p99(register)<2s").passed()).isTrue();
        assertThat(judge("p99(register) < 50ms").passed()).isFalse();
        assertThat(judge("p99(register) < 50ms").line()).isEqualTo("✗ p99(register)<50ms  measured 99.007 ms");
        assertThat(judge("max(register)<=101").passed()).isTrue();
        assertThat(judge("max(register)<=99").passed()).isFalse();
        assertThat(judge("avg(register)>40").measured().getAsDouble()).isBetween(50.0, 51.0);
        assertThat(judge("p50(register)<0.1m").passed()).isTrue();
    }

    @Test
    void aLatencyWithoutSamplesFailsSayingSo() {
        Threshold.Result result = judge("p95(telemetry)<1s");
        assertThat(result.passed()).isFalse();
        assertThat(result.line()).isEqualTo("✗ p95(telemetry)<1s  measured nothing (no samples)");
    }

    @Test
    void ratesAndCountsOfErrorsFailuresAndRetries() {
        assertThat(judge("count(failed)==0").passed()).isFalse();
        assertThat(judge("count(failed)==2").passed()).isTrue();
        assertThat(judge("rate(errors)<0.01").measured()).hasValue(2.0 / 30);
        assertThat(judge("rate(errors)<0.1").passed()).isTrue();
        assertThat(judge("count(retries)!=3").passed()).isFalse();
        assertThat(judge("rate(retries)<=0.3").line()).isEqualTo("✓ rate(retries)<=0.3  measured 0.3");
    }

    @Test
    void theVerdictNamesEveryReasonAndEachFailedThreshold() {
        FleetReport judged = report().withThresholds(List.of("p99(register)<2s", "count(failed)==0"));

        assertThat(judged.verdict().word()).isEqualTo("FAILED");
        assertThat(judged.verdict().reasons()).containsExactly("1 of 10 devices not assigned", "1 of 20 messages failed",
                "threshold count(failed)==0 failed: measured 2");
        assertThat(FleetReport.fromJson(judged.toJson()).thresholdResults()).extracting(Threshold.Result::passed)
                .containsExactly(true, false);
        assertThat(judged.toJson().getJsonObject("verdict").getString("result")).isEqualTo("FAILED");
    }

    @Test
    void aBadExpressionIsRefusedNamingItAndTheGrammar() {
        for (String bad : List.of("p99(register)", "p99(nothing)<1s", "rate(register)<1", "count(errors)<1s", "p101(register)<1",
                "p99(register)<<1", "p99(register)<1h", "median(register)<1")) {
            assertThatThrownBy(() -> Threshold.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("bad threshold '" + bad + "'").hasMessageContaining("AGGREGATE(METRIC) OP VALUE");
        }
    }
}
