package dev.dpsrig.app.cli;

import dev.dpsrig.app.cli.board.BoardCommand;
import dev.dpsrig.app.cli.device.DeviceCommand;
import dev.dpsrig.app.cli.dps.DpsCommand;
import dev.dpsrig.app.cli.faults.FaultsCommand;
import dev.dpsrig.app.cli.fleet.FleetCommand;
import dev.dpsrig.app.cli.hub.HubCommand;
import dev.dpsrig.app.cli.quotas.QuotasCommand;
import dev.dpsrig.app.cli.report.ReportCommand;
import dev.dpsrig.app.cli.sas.SasCommand;
import dev.dpsrig.app.cli.serve.ServeCommand;
import dev.dpsrig.app.cli.shared.ExitCodes;
import dev.dpsrig.app.cli.test.TestCommand;
import dev.dpsrig.certs.cli.CertsCommand;
import dev.dpsrig.hil.cli.RigCommand;
import java.io.PrintWriter;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * The {@code dpsrig} command. Each module contributes its own subcommands; this class only
 * gathers them and decides how errors reach the user: one line naming what was wrong, and a
 * non-zero exit.
 */
@Command(
        name = "dpsrig",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Hardware-in-the-loop simulator and device emulator for Azure IoT Hub DPS over HTTPS.",
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.DONE_LINE, "1:the outcome was no (a refusal, a failed check or scenario), or an unexpected error",
                "2:usage error: a bad or missing option, a missing or malformed file", "3-8:dpsrig device: how a registration or"
                + " hub traffic ended (see its --help)", ExitCodes.UNREACHABLE_LINE},
        subcommands = {
                TestCommand.class,
                CertsCommand.class,
                ServeCommand.class,
                DpsCommand.class,
                HubCommand.class,
                DeviceCommand.class,
                SasCommand.class,
                FleetCommand.class,
                ReportCommand.class,
                FaultsCommand.class,
                QuotasCommand.class,
                RigCommand.class,
                BoardCommand.class,
                CommandLine.HelpCommand.class
        })
public final class Dpsrig implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Held so the level sticks: java.util.logging keeps loggers only weakly. */
    private static final Logger HELIDON_LOG = Logger.getLogger("io.helidon");

    public static void main(String[] args) {
        if (System.getenv("DPSRIG_DEBUG") == null) {
            HELIDON_LOG.setLevel(Level.WARNING);
        }
        System.exit(commandLine().execute(args));
    }

    /** The command line as {@link #main} runs it, for tests that check exit codes and messages. */
    public static CommandLine commandLine() {
        return commandLine(CommandLine.defaultFactory());
    }

    /**
     * The command line as {@link #main} runs it, its commands made by {@code factory}: for tests that give a command
     * what the user's machine would (a fixed clock) and still run it as users do, from the root.
     */
    public static CommandLine commandLine(CommandLine.IFactory factory) {
        CommandLine commandLine = new CommandLine(new Dpsrig(), factory);
        commandLine.setExecutionExceptionHandler(Dpsrig::reportError);
        commandLine.setParameterExceptionHandler(new UsageErrors());
        return commandLine;
    }

    /**
     * Any failure while running a command becomes one line on stderr, and the exit code {@link FailureExits} gives it. The stack trace, useful only
     * for reporting a bug in dpsrig itself, is printed when {@code DPSRIG_DEBUG} is set.
     */
    private static int reportError(Exception error, CommandLine commandLine, CommandLine.ParseResult parsed) {
        PrintWriter err = commandLine.getErr();
        String message = error.getMessage() != null ? error.getMessage() : error.getClass().getSimpleName();
        err.println(commandLine.getCommandSpec().qualifiedName() + ": " + message.lines().findFirst().orElse(message));
        if (System.getenv("DPSRIG_DEBUG") != null) {
            error.printStackTrace(err);
        }
        err.flush();
        return FailureExits.of(error);
    }
}
