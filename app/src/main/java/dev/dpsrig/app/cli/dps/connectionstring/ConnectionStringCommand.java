package dev.dpsrig.app.cli.dps.connectionstring;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code dpsrig dps connection-string}: the service connection string, like {@code az iot dps connection-string}. */
@Command(name = "connection-string", mixinStandardHelpOptions = true,
        description = "The service connection string of the DPS.",
        subcommands = ConnectionStringShowCommand.class)
public final class ConnectionStringCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
