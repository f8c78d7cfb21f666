package dev.dpsrig.simulator.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dpsrig.simulator.fault.FaultRecord;
import dev.dpsrig.simulator.fault.FaultRules;
import dev.dpsrig.simulator.server.LocalSimulator;
import dev.dpsrig.simulator.server.SimulatorConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A seeded probabilistic plan is reproducible: the same requests against two fresh simulators are
 * served the same faults, and another seed serves others.
 */
class FaultDeterminismIT {
    private static final List<String> DEVICES = List.of("sensor-1", "sensor-2", "sensor-3", "meter-1");
    private static final int ROUNDS = 6;

    /** What one served fault is, without its time and sequence. */
    record Served(String rule, String endpoint, String device, long call, String kind) {
        static Served of(FaultRecord record) {
            return new Served(record.ruleId(), record.endpoint().wireName(), record.deviceId(), record.call(), record.fault().kind());
        }
    }

    /** One run's view: the statuses the devices saw, in order, and the faults recorded. */
    record Run(List<String> seen, List<Served> served) {
    }

    @Test
    void theSameSeedAndTheSameRequestsServeTheSameFaults() {
        Run first = run(42);
        Run second = run(42);

        assertThat(first.served()).as("a probability of 0.3 over %d calls serves some faults", first.seen().size())
                .isNotEmpty()
                .hasSizeLessThan(first.seen().size());
        assertThat(second.served()).isEqualTo(first.served());
        assertThat(second.seen()).isEqualTo(first.seen());
    }

    @Test
    void anotherSeedServesOtherFaults() {
        Run seed42 = run(42);
        Run seed7 = run(7);

        assertThat(seed7.served()).isNotEmpty().isNotEqualTo(seed42.served());
    }

    /**
     * Each round, each device registers and, when accepted, looks its operation up; both endpoints
     * fail with probability 0.3 under the seed.
     */
    private static Run run(long seed) {
        String plan = "[{'id':'flaky-register','endpoint':'register','kind':'throttle','probability':0.3,'seed':" + seed + "},"
                + "{'id':'flaky-lookup','endpoint':'operation-lookup','kind':'server-error','probability':0.3,'seed':" + seed + "}]";
        SimulatorConfig config = SimulatorConfig.builder().assignmentDelay(Duration.ZERO)
                .faultRules(FaultRules.parsePlan(FaultInjectionIT.jsonArray(plan), () -> "unused")).build();
        try (LocalSimulator simulator = LocalSimulator.start(config)) {
            DeviceHttp http = new DeviceHttp(simulator);
            DEVICES.forEach(http::enroll);
            List<String> seen = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                for (String device : DEVICES) {
                    DeviceHttp.Answer register = http.register(device);
                    seen.add(device + " register " + register.status());
                    if (register.status() == 202) {
                        DeviceHttp.Answer lookup = http.lookup(device, register.json().getString("operationId"));
                        seen.add(device + " lookup " + lookup.status());
                    }
                }
            }
            return new Run(seen, simulator.faults().records().stream().map(Served::of).toList());
        }
    }
}
