package dev.dpsrig.app.cli.shared;

/**
 * The exit codes that mean the same for every dpsrig command (the table is README's "Exit codes"), 9 for those that talk
 * to DPS, a hub or the simulator ({@code device}, {@code fleet run}, {@code dps}, {@code hub}, {@code faults},
 * {@code quotas}), and the lines their help lists them with, so that a script can tell a usage error or an endpoint that
 * is not there from any command alike.
 */
public final class ExitCodes {
    public static final int OK = 0;
    /** A bug or an I/O failure outside what the command is about. */
    public static final int ERROR = 1;
    /** Bad or missing options, unreadable credentials, two credential kinds. */
    public static final int USAGE = 2;
    /**
     * The endpoint could not be reached at all: connection refused before it had ever answered in the run, unknown
     * host, no route. Given at once, not after retrying until the deadline; the message names the endpoint and where
     * it came from.
     */
    public static final int UNREACHABLE = 9;

    /** The line each command's exit code list has for {@link #UNREACHABLE}. */
    public static final String UNREACHABLE_LINE = "9:the endpoint cannot be reached at all (connection refused before it ever answered,"
            + " unknown host, no route): said at once, not at the deadline";

    /** The lines of commands that ask the running simulator's service API something ({@code hub}, {@code faults}, {@code quotas}). */
    public static final String DONE_LINE = "0:done";
    public static final String SERVICE_REFUSED_LINE = "1:the simulator refused the request (its status and message are printed), or an unexpected error";
    public static final String USAGE_LINE = "2:usage error: bad or missing options";

    public static final String HEADING = "%nExit codes:%n";

    private ExitCodes() {
    }
}
