package dev.dpsrig.app.cli;

import dev.dpsrig.app.cli.shared.ExitCodes;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * How every dpsrig command reports a command line it cannot take (an unknown option, a missing parameter, a value of
 * the wrong kind): one line on stderr naming the command and the bad option, then where its help is, e.g.
 * <pre>
 * dpsrig device register: Unknown option: '--registration'; see 'dpsrig device register --help'
 * </pre>
 * and exit code {@link ExitCodes#USAGE}, in place of picocli's whole usage text.
 */
final class UsageErrors implements CommandLine.IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException error, String[] args) {
        CommandLine commandLine = error.getCommandLine();
        PrintWriter err = commandLine.getErr();
        err.println(line(error));
        err.flush();
        return ExitCodes.USAGE;
    }

    /** The one line: the full command, what was wrong, a suggestion when picocli has one, and where the help is. */
    static String line(ParameterException error) {
        String command = error.getCommandLine().getCommandSpec().qualifiedName();
        String message = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        return command + ": " + message.lines().findFirst().orElse(message).strip() + suggestion(error)
                + "; see '" + command + " --help'";
    }

    private static String suggestion(ParameterException error) {
        if (error instanceof UnmatchedArgumentException unmatched) {
            List<String> suggestions = unmatched.getSuggestions();
            if (!suggestions.isEmpty()) {
                return " (did you mean " + String.join(" or ", suggestions.subList(0, Math.min(3, suggestions.size()))) + "?)";
            }
        }
        return "";
    }
}
