package dev.dpsrig.app.cli.test;

import picocli.CommandLine.IExitCodeGenerator;

/** A target setting is missing or malformed: one line naming it, exit code 2, before any scenario runs. */
final class TargetUsageException extends RuntimeException implements IExitCodeGenerator {
    TargetUsageException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int getExitCode() {
        return 2;
    }
}
