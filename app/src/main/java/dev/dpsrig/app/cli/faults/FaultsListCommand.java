package dev.dpsrig.app.cli.faults;

import dev.dpsrig.app.cli.shared.ConnectionOptions;
import dev.dpsrig.app.cli.shared.JsonOutput;
import dev.dpsrig.emulator.client.ServiceApiClient;
import jakarta.json.JsonArray;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dpsrig faults list}: the rules armed in the running simulator, one a line or as JSON. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "The armed rules, one a line, with how many faults each served.")
final class FaultsListCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private ConnectionOptions connection;

    @Option(names = "--json", description = "Print the rules as a JSON array.")
    private boolean json;

    @Override
    public Integer call() {
        try (ServiceApiClient client = connection.client()) {
            JsonArray rules = client.faults();
            if (json) {
                JsonOutput.print(spec, rules);
            } else {
                PrintWriter out = spec.commandLine().getOut();
                if (rules.isEmpty()) {
                    out.println("no fault rules armed");
                }
                rules.forEach(rule -> out.println(FaultsCommand.describe(rule.asJsonObject())));
                out.flush();
            }
        }
        return 0;
    }
}
