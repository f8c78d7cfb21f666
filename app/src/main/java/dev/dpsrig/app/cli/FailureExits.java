package dev.dpsrig.app.cli;

import dev.dpsrig.app.cli.shared.ExitCodes;
import dev.dpsrig.certs.IdentityException;
import dev.dpsrig.hil.config.RigConfigException;
import picocli.CommandLine.IExitCodeGenerator;

/**
 * The exit code of a command that failed while running, the same for the same problem in every command (the table
 * is in README's "Exit codes"): what the failure says of itself, else {@link ExitCodes#USAGE} for a file given on the
 * command line that is missing, unreadable or malformed (identity material, a rig file), else {@link ExitCodes#ERROR}.
 */
final class FailureExits {
    private FailureExits() {
    }

    static int of(Exception failure) {
        if (failure instanceof IExitCodeGenerator generator) {
            return generator.getExitCode();
        }
        if (failure instanceof IdentityException identity && identity.file().isPresent()
                || failure instanceof RigConfigException) {
            return ExitCodes.USAGE;
        }
        return ExitCodes.ERROR;
    }
}
