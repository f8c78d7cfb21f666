package dev.dpsrig.simulator.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaultFilesTest {
    private static final String JSON_PLAN = """
            [
              {"id": "first-register-throttled", "endpoint": "register", "device": "my-dev", "kind": "throttle",
               "retryAfter": 2, "calls": "1", "times": 1},
              {"endpoint": "operation-lookup", "device": "sensor-*", "kind": "server-error", "status": 500,
               "probability": 0.25, "seed": 7},
              {"endpoint": "register", "kind": "keep-assigning", "polls": 3, "calls": 2},
              {"endpoint": "status-lookup", "kind": "delay", "delayMillis": 1500, "window": "10..30"},
              {"endpoint": "dps-handshake", "kind": "slow-handshake", "delayMillis": 2000},
              {"endpoint": "hub-send", "kind": "drop-connection", "at": "mid-response"},
              {"endpoint": "register", "kind": "assignment-failed", "errorCode": 400208, "errorMessage": "no hub: test"}
            ]
            """;

    private static final String YAML_PLAN = """
            # the same plan as JSON_PLAN
            - id: first-register-throttled
              endpoint: register
              device: my-dev
              kind: throttle
              retryAfter: 2
              calls: "1"
              times: 1
            - endpoint: operation-lookup
              device: "sensor-*"
              kind: server-error
              status: 500
              probability: 0.25
              seed: 7
            - {endpoint: register, kind: keep-assigning, polls: 3, calls: 2}
            - endpoint: status-lookup
              kind: delay
              delayMillis: 1500
              window: 10..30
            - endpoint: dps-handshake
              kind: slow-handshake
              delayMillis: 2000
            - endpoint: hub-send
              kind: drop-connection
              at: mid-response
            - endpoint: register
              kind: assignment-failed
              errorCode: 400208
              errorMessage: "no hub: test"
            """;

    @TempDir
    Path dir;

    @Test
    void aYamlPlanAndTheSameJsonPlanGiveEqualRules() throws IOException {
        List<FaultRule> fromJson = FaultFiles.read(write("plan.json", JSON_PLAN), counter());
        List<FaultRule> fromYaml = FaultFiles.read(write("plan.yaml", YAML_PLAN), counter());
        List<FaultRule> fromYml = FaultFiles.read(write("plan.yml", YAML_PLAN), counter());

        assertThat(fromJson).hasSize(7);
        assertThat(fromYaml).isEqualTo(fromJson);
        assertThat(fromYml).isEqualTo(fromJson);
        assertThat(fromJson).extracting(FaultRule::id)
                .containsExactly("first-register-throttled", "id-1", "id-2", "id-3", "id-4", "id-5", "id-6");
        assertThat(fromJson.get(1).when()).isEqualTo(new Trigger.Probability(0.25, 7));
        assertThat(fromJson.get(2).when()).isEqualTo(new Trigger.Calls(2, 2));
        assertThat(fromJson.get(3).when()).isEqualTo(new Trigger.Window(Duration.ofSeconds(10), Duration.ofSeconds(30)));
        assertThat(fromJson.get(6).fault()).isEqualTo(new Fault.AssignmentFailed(400208, "no hub: test"));
    }

    @Test
    void aPlanMayBeAnObjectHoldingRules() throws IOException {
        List<FaultRule> rules = FaultFiles.read(write("wrapped.yaml", """
                rules:
                  - {id: only, endpoint: hub-c2d, kind: authentication-error}
                """), counter());

        assertThat(rules).singleElement().satisfies(rule -> {
            assertThat(rule.id()).isEqualTo("only");
            assertThat(rule.endpoint()).isEqualTo(Endpoint.HUB_C2D);
            assertThat(rule.fault()).isEqualTo(new Fault.AuthenticationError());
        });
    }

    @Test
    void aMissingFileIsOneLineNamingIt() {
        Path missing = dir.resolve("nowhere.yaml");

        assertThatThrownBy(() -> FaultFiles.read(missing, counter()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(missing + ": no such fault plan file");
    }

    @Test
    void badYamlIsOneLineNamingTheFile() throws IOException {
        Path bad = write("bad.yaml", "- endpoint: register\n  kind: [throttle\n");

        assertThatThrownBy(() -> FaultFiles.read(bad, counter()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(bad + ": not valid YAML: ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void badJsonIsOneLineNamingTheFile() throws IOException {
        Path bad = write("bad.json", "[{\"endpoint\": \"register\",}]");

        assertThatThrownBy(() -> FaultFiles.read(bad, counter()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(bad + ": not valid JSON: ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void anInvalidRuleNamesTheFileAndTheRule() throws IOException {
        Path plan = write("plan.yaml", """
                - {endpoint: register, kind: throttle}
                - {endpoint: register, kind: throttle, times: 0}
                """);

        assertThatThrownBy(() -> FaultFiles.read(plan, counter()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(plan + ": rule 2: times must be at least 1, not 0");
    }

    @Test
    void aYamlScalarIsNotAPlan() throws IOException {
        Path plan = write("scalar.yml", "just some text\n");

        assertThatThrownBy(() -> FaultFiles.read(plan, counter()))
                .hasMessage(plan + ": a fault plan is a list of rules, not STRING");
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private static Supplier<String> counter() {
        AtomicInteger number = new AtomicInteger();
        return () -> "id-" + number.incrementAndGet();
    }
}
