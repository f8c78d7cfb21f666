package dev.dpsrig.app.cli.dps.enrollmentgroup;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code dpsrig dps enrollment-group}: enrollment groups, like {@code az iot dps enrollment-group}. */
@Command(name = "enrollment-group", mixinStandardHelpOptions = true,
        description = "Manage enrollment groups (devices sharing a CA or a group key from which each device key is derived).",
        subcommands = {
                EnrollmentGroupCreateCommand.class,
                EnrollmentGroupUpdateCommand.class,
                EnrollmentGroupShowCommand.class,
                EnrollmentGroupListCommand.class,
                EnrollmentGroupDeleteCommand.class,
                EnrollmentGroupComputeDeviceKeyCommand.class
        })
public final class EnrollmentGroupCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
