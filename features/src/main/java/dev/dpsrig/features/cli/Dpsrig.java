package dev.dpsrig.features.cli;

import dev.dpsrig.certs.cli.CertsCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

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
        subcommands = {
                CertsCommand.class,
                CommandLine.HelpCommand.class
        })
public final class Dpsrig implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line as {@link #main} runs it, for tests that check exit codes and messages. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Dpsrig());
        commandLine.setExecutionExceptionHandler(Dpsrig::reportError);
        return commandLine;
    }

    /**
     * Any failure while running a command becomes one line on stderr. The stack trace, useful only
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
        return 1;
    }
}
