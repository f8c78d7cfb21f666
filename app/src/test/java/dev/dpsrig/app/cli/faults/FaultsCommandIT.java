package dev.dpsrig.app.cli.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dpsrig.app.cli.CommandRun;
import dev.dpsrig.app.cli.SimulatorFolder;
import dev.dpsrig.app.cli.shared.ExitCodes;
import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.simulator.fault.DeviceMatcher;
import dev.dpsrig.simulator.fault.Endpoint;
import dev.dpsrig.simulator.fault.Fault;
import dev.dpsrig.simulator.fault.FaultFiles;
import dev.dpsrig.simulator.fault.FaultRule;
import dev.dpsrig.simulator.fault.Transport;
import dev.dpsrig.simulator.fault.Trigger;
import dev.dpsrig.simulator.quota.QuotaProfile;
import dev.dpsrig.simulator.quota.Rate;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dpsrig faults ...} and {@code dpsrig quotas} against a running simulator over HTTPS (its
 * admin API), with the exit codes and one-line errors the {@code dpsrig} main gives.
 */
class FaultsCommandIT {
    @RegisterExtension
    final SimulatorFolder running = new SimulatorFolder();

    @TempDir
    Path files;

    @Test
    void addWithOptionsArmsTheRuleAndListShowsIt() {
        CommandRun added = faults("add", "--id", "first", "--endpoint", "register", "--device", "my-dev", "--kind", "throttle",
                "--retry-after", "2", "--calls", "1", "--times", "1");

        assertThat(added.exitCode()).as(added.err()).isZero();
        assertThat(added.out()).isEqualTo("armed first: register my-dev throttle calls=1 times=1 retryAfter=2 (served 0)\n");
        assertThat(running.simulator().faults().rules()).containsExactly(new FaultRule("first", Endpoint.REGISTER, new DeviceMatcher("my-dev"),
                new Trigger.Calls(1, 1), OptionalLong.of(1), new Fault.Throttle(2)));

        running.simulator().faults().strike(Endpoint.REGISTER, "my-dev");
        CommandRun listed = faults("list");
        assertThat(listed.exitCode()).as(listed.err()).isZero();
        assertThat(listed.out()).isEqualTo("first: register my-dev throttle calls=1 times=1 retryAfter=2 (served 1)\n");

        CommandRun json = faults("list", "--json");
        assertThat(json.array()).singleElement().satisfies(rule -> {
            assertThat(rule.asJsonObject().getString("id")).isEqualTo("first");
            assertThat(rule.asJsonObject().getInt("served")).isEqualTo(1);
        });
    }

    @Test
    void everyOptionReachesTheRule() {
        List<CommandRun> runs = List.of(
                faults("add", "--id", "p", "--endpoint", "operation-lookup", "--device", "sensor-*", "--kind", "server-error",
                        "--status", "500", "--probability", "0.25", "--seed", "9"),
                faults("add", "--id", "w", "--endpoint", "status-lookup", "--kind", "delay", "--delay-ms", "1500", "--window", "5..10"),
                faults("add", "--id", "d", "--endpoint", "hub-send", "--kind", "drop-connection", "--at", "mid-response"),
                faults("add", "--id", "m", "--endpoint", "register", "--kind", "malformed-answer", "--malformation", "missing-operation-id"),
                faults("add", "--id", "f", "--endpoint", "register", "--kind", "assignment-failed", "--error-code", "400208",
                        "--error-message", "no hub for you"),
                faults("add", "--id", "k", "--endpoint", "register", "--kind", "keep-assigning", "--polls", "3", "--calls", "2.."),
                faults("add", "--id", "h", "--endpoint", "hub-handshake", "--kind", "slow-handshake", "--delay-ms", "50"),
                faults("add", "--id", "c", "--endpoint", "dps-connect", "--kind", "connect-refused", "--connack-code", "5",
                        "--transport", "mqtt"),
                faults("add", "--endpoint", "hub-c2d", "--kind", "authentication-error"));

        assertThat(runs).allSatisfy(run -> assertThat(run.exitCode()).as(run.err()).isZero());
        assertThat(running.simulator().faults().rules()).containsExactly(
                new FaultRule("p", Endpoint.OPERATION_LOOKUP, new DeviceMatcher("sensor-*"), new Trigger.Probability(0.25, 9),
                        OptionalLong.empty(), new Fault.ServerError(500)),
                new FaultRule("w", Endpoint.STATUS_LOOKUP, DeviceMatcher.EVERY_DEVICE,
                        new Trigger.Window(Duration.ofSeconds(5), Duration.ofSeconds(10)), OptionalLong.empty(),
                        new Fault.Delay(Duration.ofMillis(1500))),
                new FaultRule("d", Endpoint.HUB_SEND, DeviceMatcher.EVERY_DEVICE, new Trigger.Always(), OptionalLong.empty(),
                        new Fault.DropConnection(Fault.DropPoint.MID_RESPONSE)),
                new FaultRule("m", Endpoint.REGISTER, DeviceMatcher.EVERY_DEVICE, new Trigger.Always(), OptionalLong.empty(),
                        new Fault.MalformedAnswer(Fault.Malformation.MISSING_OPERATION_ID)),
                new FaultRule("f", Endpoint.REGISTER, DeviceMatcher.EVERY_DEVICE, new Trigger.Always(), OptionalLong.empty(),
                        new Fault.AssignmentFailed(400208, "no hub for you")),
                new FaultRule("k", Endpoint.REGISTER, DeviceMatcher.EVERY_DEVICE, new Trigger.Calls(2, Long.MAX_VALUE),
                        OptionalLong.empty(), new Fault.KeepAssigning(3)),
                new FaultRule("h", Endpoint.HUB_HANDSHAKE, DeviceMatcher.EVERY_DEVICE, new Trigger.Always(), OptionalLong.empty(),
                        new Fault.SlowHandshake(Duration.ofMillis(50))),
                new FaultRule("c", Endpoint.DPS_CONNECT, DeviceMatcher.EVERY_DEVICE, new Trigger.Always(), OptionalLong.empty(),
                        new Fault.ConnectRefused(5), Optional.of(Transport.MQTT)),
                new FaultRule("rule-1", Endpoint.HUB_C2D, DeviceMatcher.EVERY_DEVICE, new Trigger.Always(), OptionalLong.empty(),
                        new Fault.AuthenticationError()));
        assertThat(runs.getLast().out()).isEqualTo("armed rule-1: hub-c2d * authentication-error (served 0)\n");
    }

    @Test
    void addFromAYamlFileArmsEveryRuleOfThePlan() throws IOException {
        Path plan = Files.writeString(files.resolve("plan.yaml"), """
                - id: flaky-register
                  endpoint: register
                  device: "sensor-*"
                  kind: throttle
                  retryAfter: 3
                  probability: 0.3
                  seed: 42
                - endpoint: hub-send
                  kind: server-error
                  status: 500
                  calls: 2..3
                """);

        CommandRun added = faults("add", "--file", plan.toString());

        assertThat(added.exitCode()).as(added.err()).isZero();
        assertThat(added.out().lines().toList()).containsExactly(
                "armed flaky-register: register sensor-* throttle probability=0.3 seed=42 retryAfter=3 (served 0)",
                "armed rule-1: hub-send * server-error calls=2..3 status=500 (served 0)");
        AtomicInteger number = new AtomicInteger();
        assertThat(running.simulator().faults().rules()).isEqualTo(FaultFiles.read(plan, () -> "rule-" + number.incrementAndGet()));
    }

    @Test
    void plansWithoutIdsCanBeAddedOneAfterAnother() throws IOException {
        Path first = Files.writeString(files.resolve("first.yaml"), "- {endpoint: register, kind: throttle}\n");
        Path second = Files.writeString(files.resolve("second.json"), "[{\"endpoint\": \"hub-send\", \"kind\": \"server-error\"}]");

        CommandRun one = faults("add", "--file", first.toString());
        CommandRun two = faults("add", "--file", second.toString());

        assertThat(one.exitCode()).as(one.err()).isZero();
        assertThat(two.exitCode()).as(two.err()).isZero();
        assertThat(running.simulator().faults().rules()).extracting(FaultRule::endpoint).containsExactly(Endpoint.REGISTER, Endpoint.HUB_SEND);
        assertThat(running.simulator().faults().rules()).extracting(FaultRule::id).doesNotHaveDuplicates();
    }

    @Test
    void recordsListEveryFaultServedAndFilterByDevice() {
        assertThat(faults("add", "--id", "r", "--endpoint", "register", "--kind", "throttle").exitCode()).isZero();
        running.simulator().faults().strike(Endpoint.REGISTER, "my-dev");
        running.simulator().faults().strike(Endpoint.REGISTER, "other-dev");
        running.simulator().faults().strike(Endpoint.REGISTER, "My-Dev");

        CommandRun all = faults("records");
        assertThat(all.exitCode()).as(all.err()).isZero();
        assertThat(all.out().lines().toList()).hasSize(3);
        assertThat(all.out().lines().toList().getFirst()).matches("#1 \\S+Z r register my-dev call 1 throttle");

        CommandRun mine = faults("records", "--device", "MY-DEV");
        assertThat(mine.exitCode()).as(mine.err()).isZero();
        assertThat(mine.out().lines().map(line -> line.replaceFirst(" \\S+Z ", " <at> ")).toList())
                .containsExactly("#1 <at> r register my-dev call 1 throttle", "#3 <at> r register My-Dev call 2 throttle");

        CommandRun json = faults("records", "--device", "other-dev", "--json");
        assertThat(json.array()).singleElement().satisfies(record -> {
            JsonObject fields = record.asJsonObject();
            assertThat(fields.getString("rule")).isEqualTo("r");
            assertThat(fields.getString("endpoint")).isEqualTo("register");
            assertThat(fields.getString("device")).isEqualTo("other-dev");
            assertThat(fields.getInt("call")).isEqualTo(1);
            assertThat(fields.getInt("sequence")).isEqualTo(2);
        });
    }

    @Test
    void clearDisarmsOneRuleOrAllAndForgetsRecordsOnRequest() {
        faults("add", "--id", "a", "--endpoint", "register", "--kind", "throttle");
        faults("add", "--id", "b", "--endpoint", "hub-send", "--kind", "throttle");
        running.simulator().faults().strike(Endpoint.REGISTER, "dev");

        CommandRun one = faults("clear", "--id", "a");
        assertThat(one.exitCode()).as(one.err()).isZero();
        assertThat(one.out()).isEqualTo("disarmed a\n");
        assertThat(running.simulator().faults().rules()).extracting(FaultRule::id).containsExactly("b");

        CommandRun missing = faults("clear", "--id", "a");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("no armed fault rule 'a'; armed: [b]");

        CommandRun all = faults("clear");
        assertThat(all.out()).isEqualTo("disarmed every rule\n");
        assertThat(running.simulator().faults().rules()).isEmpty();
        assertThat(running.simulator().faults().records()).as("the record outlives the rules").hasSize(1);
        assertThat(faults("list").out()).isEqualTo("no fault rules armed\n");

        CommandRun records = faults("clear", "--records");
        assertThat(records.out()).isEqualTo("disarmed every rule; records cleared\n");
        assertThat(running.simulator().faults().records()).isEmpty();
        assertThat(faults("records").out()).isEmpty();
    }

    @Test
    void quotasShowsAndSetsTheProfile() {
        CommandRun shown = quotas();
        assertThat(shown.exitCode()).as(shown.err()).isZero();
        assertThat(shown.json()).isEqualTo(json("{'profile':'off','quotas':{}}"));
        assertThat(shown.out()).startsWith("{");

        CommandRun set = quotas("registrations=10/min,polls=5/10s");
        assertThat(set.exitCode()).as(set.err()).isZero();
        assertThat(set.json()).isEqualTo(json("{'profile':'custom','quotas':{'registrations':'10/min','polls':'5/10s'}}"));
        assertThat(running.simulator().quotaProfile().rates()).isEqualTo(Map.of(
                QuotaProfile.Quota.REGISTRATIONS, Rate.parse("10/min"), QuotaProfile.Quota.POLLS, Rate.parse("5/10s")));
        assertThat(quotas().json()).isEqualTo(set.json());

        CommandRun s1 = quotas("azure-s1:10");
        assertThat(s1.json().getString("profile")).isEqualTo("azure-s1:10");
        assertThat(s1.json().getJsonObject("quotas").getString("d2c")).isEqualTo("120/s");

        CommandRun unknown = quotas("azure-s9");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("unknown quota profile 'azure-s9'");
        assertThat(running.simulator().quotaProfile().name()).isEqualTo("azure-s1:10");
    }

    @Test
    void aBadRuleIsExitCode1AndAMessageNamingTheProblem() throws IOException {
        CommandRun unknownKind = faults("add", "--endpoint", "register", "--kind", "explode");
        assertThat(unknownKind.exitCode()).isEqualTo(1);
        assertThat(unknownKind.err()).contains("unknown kind 'explode'").doesNotContain("\tat ");

        CommandRun wrongEndpoint = faults("add", "--endpoint", "register", "--kind", "slow-handshake", "--delay-ms", "100");
        assertThat(wrongEndpoint.exitCode()).isEqualTo(1);
        assertThat(wrongEndpoint.err()).contains("slow-handshake applies to the endpoints dps-handshake and hub-handshake, not register");

        CommandRun handshakeDevice = faults("add", "--endpoint", "dps-handshake", "--device", "dev-1", "--kind", "slow-handshake",
                "--delay-ms", "100");
        assertThat(handshakeDevice.exitCode()).isEqualTo(1);
        assertThat(handshakeDevice.err()).contains("the device pattern must be *");

        CommandRun badCalls = faults("add", "--endpoint", "register", "--kind", "throttle", "--calls", "first");
        assertThat(badCalls.exitCode()).isEqualTo(1);
        assertThat(badCalls.err()).contains("calls 'first' is not N, N..M or N..");

        CommandRun zeroTimes = faults("add", "--endpoint", "register", "--kind", "throttle", "--times", "0");
        assertThat(zeroTimes.exitCode()).isEqualTo(1);
        assertThat(zeroTimes.err()).contains("times must be at least 1, not 0");

        assertThat(running.simulator().faults().rules()).as("nothing was armed").isEmpty();
    }

    @Test
    void aFaultPlanFileThatIsMissingOrMalformedIsAUsageErrorOnOneLine() throws IOException {
        Path missing = files.resolve("missing.yaml");
        CommandRun noFile = faults("add", "--file", missing.toString());
        assertThat(noFile.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noFile.err().lines()).singleElement().asString()
                .isEqualTo("dpsrig faults add: " + missing + ": no such fault plan file");

        Path badYaml = Files.writeString(files.resolve("bad.yaml"), "- endpoint: register\n  kind: [throttle\n");
        CommandRun notYaml = faults("add", "--file", badYaml.toString());
        assertThat(notYaml.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(notYaml.err().lines()).singleElement().asString().startsWith("dpsrig faults add: " + badYaml + ": not valid YAML");

        Path badRule = Files.writeString(files.resolve("rules.yaml"),
                "- {endpoint: hub-send, kind: malformed-answer, malformation: truncated-json}\n");
        CommandRun refused = faults("add", "--file", badRule.toString());
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(refused.err()).contains(badRule + ": rule 1: truncated-json damages a DPS register, operation-lookup or"
                + " status-lookup answer, not hub-send");

        assertThat(running.simulator().faults().rules()).as("nothing was armed").isEmpty();
    }

    @Test
    void aRuleNeedsAnEndpointAndAKind() {
        CommandRun noEndpoint = faults("add", "--kind", "throttle");

        assertThat(noEndpoint.exitCode()).as("a usage error").isEqualTo(2);
        assertThat(noEndpoint.err()).contains("give --endpoint and --kind (or --file)");
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static JsonObject json(String singleQuoted) {
        return Jsonp.createReader(new StringReader(singleQuoted.replace('\'', '"'))).readObject();
    }

    /** {@code dpsrig faults ARGS...} against this test's simulator. */
    private CommandRun faults(String... args) {
        return CommandRun.against(running.dataDir(), "faults", args);
    }

    /** {@code dpsrig quotas ARGS...} against this test's simulator. */
    private CommandRun quotas(String... args) {
        return CommandRun.against(running.dataDir(), "quotas", args);
    }
}
