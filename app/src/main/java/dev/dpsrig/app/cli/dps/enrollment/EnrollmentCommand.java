package dev.dpsrig.app.cli.dps.enrollment;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code dpsrig dps enrollment}: individual enrollments, like {@code az iot dps enrollment}. */
@Command(name = "enrollment", mixinStandardHelpOptions = true,
        description = "Manage individual enrollments (one device each; the enrollment id is its registration id).",
        subcommands = {
                EnrollmentCreateCommand.class,
                EnrollmentUpdateCommand.class,
                EnrollmentShowCommand.class,
                EnrollmentListCommand.class,
                EnrollmentDeleteCommand.class
        })
public final class EnrollmentCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
