package dev.dpsrig.app.cli.test;

import dev.dpsrig.app.cli.shared.ExitCodes;
import picocli.CommandLine.IExitCodeGenerator;

/** A target setting is missing or malformed: one line naming it, exit code {@link ExitCodes#USAGE}, before any scenario runs. */
final class TargetUsageException extends RuntimeException implements IExitCodeGenerator {
    TargetUsageException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int getExitCode() {
        return ExitCodes.USAGE;
    }
}
