package dev.dpsrig.app.cli.dps.registration;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code dpsrig dps registration}: what DPS remembers of a device's registration, like {@code az iot dps registration}. */
@Command(name = "registration", mixinStandardHelpOptions = true,
        description = "Show or delete a device's registration state (deleting it lets the device register afresh).",
        subcommands = {
                RegistrationShowCommand.class,
                RegistrationDeleteCommand.class
        })
public final class RegistrationCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
