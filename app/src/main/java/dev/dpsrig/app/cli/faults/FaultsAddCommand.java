package dev.dpsrig.app.cli.faults;

import dev.dpsrig.app.cli.shared.ConnectionOptions;
import dev.dpsrig.app.cli.shared.UsageException;
import dev.dpsrig.emulator.client.ServiceApiClient;
import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.simulator.fault.FaultFiles;
import dev.dpsrig.simulator.fault.FaultRule;
import dev.dpsrig.simulator.fault.FaultRules;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code dpsrig faults add}: arms rules in the running simulator, from options or a plan file, and prints them as armed. */
@Command(name = "add", mixinStandardHelpOptions = true,
        description = {"Arm one rule from the options, or every rule of a JSON/YAML plan file (--file).",
                "Example: dpsrig faults add --endpoint register --device my-dev --kind throttle --retry-after 2 --times 1"})
final class FaultsAddCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private ConnectionOptions connection;

    @Option(names = "--file", paramLabel = "FILE", description = "A plan: a JSON or YAML list of rules with the fields below.")
    private Path file;

    @Option(names = "--id", description = "The rule's id (default: rule-N).")
    private String id;

    @Option(names = "--endpoint", paramLabel = "ENDPOINT",
            description = "register, operation-lookup, status-lookup, hub-send, hub-c2d, service-api, dps-connect, hub-connect, dps-handshake or hub-handshake.")
    private String endpoint;

    @Option(names = "--device", paramLabel = "ID|PATTERN", description = "A registration or device id, a pattern with * and ?, or * (default).")
    private String device;

    @Option(names = "--kind", paramLabel = "KIND", description = "throttle, server-error, delay, drop-connection, malformed-answer,"
            + " authentication-error, assignment-failed, keep-assigning, slow-handshake or connect-refused.")
    private String kind;

    @Option(names = "--transport", paramLabel = "TRANSPORT", description = "https or mqtt: strike only calls over it (default: both).")
    private String transport;

    @Option(names = "--retry-after", paramLabel = "SECONDS", description = "throttle: the Retry-After (default 1).")
    private Integer retryAfter;

    @Option(names = "--status", description = "server-error: 500 or 503 (default 503).")
    private Integer status;

    @Option(names = "--delay-ms", paramLabel = "MILLIS", description = "delay, slow-handshake: how long.")
    private Long delayMillis;

    @Option(names = "--at", paramLabel = "POINT", description = "drop-connection: after-request (default) or mid-response.")
    private String at;

    @Option(names = "--malformation", description = "malformed-answer: truncated-json, missing-operation-id or non-integer-retry-after.")
    private String malformation;

    @Option(names = "--error-code", paramLabel = "CODE", description = "assignment-failed: the registration's errorCode (default 400209).")
    private Integer errorCode;

    @Option(names = "--error-message", paramLabel = "TEXT", description = "assignment-failed: the registration's errorMessage.")
    private String errorMessage;

    @Option(names = "--polls", description = "keep-assigning: lookups that still see assigning.")
    private Integer polls;

    @Option(names = "--connack-code", paramLabel = "CODE", description = "connect-refused: the CONNACK return code, 1 to 5 (default 3).")
    private Integer connackCode;

    @ArgGroup(exclusive = true)
    private When when;

    static final class When {
        @Option(names = "--calls", paramLabel = "N|N..M|N..", description = "Only a device's Nth call, or calls N to M, or from N on.")
        String calls;

        @ArgGroup(exclusive = false)
        Chance chance;

        @Option(names = "--window", paramLabel = "FROM..TO", description = "Only calls FROM to TO seconds after the rule is armed.")
        String window;
    }

    static final class Chance {
        @Option(names = "--probability", required = true, paramLabel = "P", description = "Each call with probability P (0 < P <= 1).")
        BigDecimal probability;

        @Option(names = "--seed", defaultValue = "0", description = "Seed of the probabilistic choice (default 0).")
        long seed;
    }

    @Option(names = "--times", paramLabel = "N", description = "Serve at most N faults, then the rule is spent.")
    private Long times;

    @Override
    public Integer call() {
        JsonValue request;
        if (file != null) {
            if (endpoint != null || kind != null) {
                throw new ParameterException(spec.commandLine(), "--file excludes the options of a single rule");
            }
            // Rules without an id get theirs from the simulator, which knows the ids already armed.
            String unnamed = "unnamed-" + UUID.randomUUID() + "-";
            AtomicInteger number = new AtomicInteger();
            JsonArrayBuilder plan = Jsonp.createArrayBuilder();
            List<FaultRule> rules;
            try {
                rules = FaultFiles.read(file, () -> unnamed + number.incrementAndGet());
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage(), e);
            }
            rules.forEach(rule -> plan.add(rule.id().startsWith(unnamed)
                    ? Jsonp.createObjectBuilder(FaultRules.toJson(rule)).remove("id").build() : FaultRules.toJson(rule)));
            request = plan.build();
        } else {
            if (endpoint == null || kind == null) {
                throw new ParameterException(spec.commandLine(), "give --endpoint and --kind (or --file)");
            }
            request = rule();
        }
        try (ServiceApiClient client = connection.client()) {
            JsonArray armed = client.addFaults((JsonStructure) request);
            PrintWriter out = spec.commandLine().getOut();
            armed.forEach(rule -> out.println("armed " + FaultsCommand.describe(rule.asJsonObject())));
            out.flush();
        }
        return 0;
    }

    private JsonObject rule() {
        JsonObjectBuilder rule = Jsonp.createObjectBuilder().add("endpoint", endpoint).add("kind", kind);
        if (id != null) {
            rule.add("id", id);
        }
        if (device != null) {
            rule.add("device", device);
        }
        if (retryAfter != null) {
            rule.add("retryAfter", retryAfter);
        }
        if (status != null) {
            rule.add("status", status);
        }
        if (delayMillis != null) {
            rule.add("delayMillis", delayMillis);
        }
        if (at != null) {
            rule.add("at", at);
        }
        if (malformation != null) {
            rule.add("malformation", malformation);
        }
        if (errorCode != null) {
            rule.add("errorCode", errorCode);
        }
        if (errorMessage != null) {
            rule.add("errorMessage", errorMessage);
        }
        if (polls != null) {
            rule.add("polls", polls);
        }
        if (connackCode != null) {
            rule.add("connackCode", connackCode);
        }
        if (transport != null) {
            rule.add("transport", transport);
        }
        if (times != null) {
            rule.add("times", times);
        }
        if (when != null && when.calls != null) {
            rule.add("calls", when.calls);
        }
        if (when != null && when.chance != null) {
            rule.add("probability", when.chance.probability).add("seed", when.chance.seed);
        }
        if (when != null && when.window != null) {
            rule.add("window", when.window);
        }
        return rule.build();
    }
}
