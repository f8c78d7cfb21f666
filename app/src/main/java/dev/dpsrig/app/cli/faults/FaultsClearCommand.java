package dev.dpsrig.app.cli.faults;

import dev.dpsrig.app.cli.shared.ConnectionOptions;
import dev.dpsrig.emulator.client.ServiceApiClient;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dpsrig faults clear}: disarms rules, and with {@code --records} forgets the faults served. */
@Command(name = "clear", mixinStandardHelpOptions = true, description = "Disarm every rule, or the one named; --records forgets the faults served.")
final class FaultsClearCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private ConnectionOptions connection;

    @Option(names = "--id", description = "Disarm only this rule.")
    private String id;

    @Option(names = "--records", description = "Also forget the record of faults served.")
    private boolean records;

    @Override
    public Integer call() {
        try (ServiceApiClient client = connection.client()) {
            if (id != null) {
                client.removeFault(id);
            } else {
                client.clearFaults();
            }
            if (records) {
                client.clearFaultRecords();
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(id != null ? "disarmed " + id : "disarmed every rule" + (records ? "; records cleared" : ""));
        out.flush();
        return 0;
    }
}
