package dev.dpsrig.app.cli.dps;

import dev.dpsrig.app.cli.dps.benchmark.DpsBenchmarkCommand;
import dev.dpsrig.app.cli.dps.certificate.CertificateCommand;
import dev.dpsrig.app.cli.dps.connectionstring.ConnectionStringCommand;
import dev.dpsrig.app.cli.dps.enrollment.EnrollmentCommand;
import dev.dpsrig.app.cli.dps.enrollmentgroup.EnrollmentGroupCommand;
import dev.dpsrig.app.cli.dps.fuzz.DpsFuzzCommand;
import dev.dpsrig.app.cli.dps.hostileclients.DpsHostileClientsCommand;
import dev.dpsrig.app.cli.dps.registration.RegistrationCommand;
import dev.dpsrig.app.cli.shared.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code dpsrig dps}: manage the local simulator (or a real DPS) the way {@code az iot dps} does. */
@Command(name = "dps", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT,
        description = {"Manage enrollments, enrollment groups, CA certificates and registrations, like `az iot dps`.",
                "Commands that print data take az's -o/--output json|jsonc|table|tsv|none and --query JMESPATH."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {
                ExitCodes.DONE_LINE,
                "1:the service refused the request (its status and message are printed), or an unexpected error",
                ExitCodes.USAGE_LINE,
                ExitCodes.UNREACHABLE_LINE},
        subcommands = {
                DpsShowCommand.class,
                EnrollmentCommand.class,
                EnrollmentGroupCommand.class,
                CertificateCommand.class,
                RegistrationCommand.class,
                ConnectionStringCommand.class,
                DpsBenchmarkCommand.class,
                DpsFuzzCommand.class,
                DpsHostileClientsCommand.class
        })
public final class DpsCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
