package dev.dpsrig.app.cli.shared;

import picocli.CommandLine.IExitCodeGenerator;

/**
 * A bad input found while running a command (a missing file, a wrong pass phrase, two kinds of credentials):
 * the {@code dpsrig} main prints its message on one line and exits with {@link ExitCodes#USAGE}.
 */
public final class UsageException extends RuntimeException implements IExitCodeGenerator {
    public UsageException(String message) {
        super(message);
    }

    public UsageException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int getExitCode() {
        return ExitCodes.USAGE;
    }
}
