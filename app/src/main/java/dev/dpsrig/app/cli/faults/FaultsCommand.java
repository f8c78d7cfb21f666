package dev.dpsrig.app.cli.faults;

import dev.dpsrig.app.cli.shared.ExitCodes;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code dpsrig faults}: the running simulator's fault rules; {@link #describe} is the line its subcommands print a rule as. */
@Command(name = "faults", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT,
        description = {"Make the running simulator misbehave on purpose: arm fault rules, list them, see every fault served.",
                "Same seed and same requests give the same faults."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {
                ExitCodes.DONE_LINE,
                ExitCodes.SERVICE_REFUSED_LINE,
                ExitCodes.USAGE_LINE,
                ExitCodes.UNREACHABLE_LINE},
        subcommands = {
                FaultsAddCommand.class,
                FaultsListCommand.class,
                FaultsClearCommand.class,
                FaultsRecordsCommand.class
        })
public final class FaultsCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "choose a subcommand: add, list, clear or records");
    }

    /** {@code rule-1: register my-dev throttle retryAfter=2 calls=1 times=1 (served 0)}. */
    static String describe(JsonObject rule) {
        String details = rule.entrySet().stream()
                .filter(entry -> !List.of("id", "endpoint", "device", "kind", "served").contains(entry.getKey()))
                .map(entry -> entry.getKey() + "=" + (entry.getValue() instanceof JsonString text ? text.getString() : entry.getValue()))
                .collect(Collectors.joining(" "));
        return rule.getString("id") + ": " + rule.getString("endpoint") + " " + rule.getString("device") + " " + rule.getString("kind")
                + (details.isEmpty() ? "" : " " + details)
                + (rule.containsKey("served") ? " (served " + rule.getJsonNumber("served") + ")" : "");
    }
}
