package dev.dpsrig.hil.cli;

import dev.dpsrig.hil.RigException;
import dev.dpsrig.hil.config.BoardProfile;
import dev.dpsrig.hil.config.RigFile;
import java.io.PrintWriter;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;

/** What the {@code rig} commands share: their exit codes and the one line they print when they cannot start. */
final class RigCommands {
    /** A board failed its check, or its line failed while in use. */
    static final int FAILED = 1;
    /** The rig file does not load, names no such board, its GPIO platform cannot start or a port cannot be opened. */
    static final int CANNOT_START = 2;

    private RigCommands() {
    }

    /** Prints {@code e}'s first line after the command's name to the error stream; returns {@link #CANNOT_START}. */
    static int refuse(CommandSpec spec, RigException e) {
        print(spec, e);
        return CANNOT_START;
    }

    /** Prints {@code e}'s first line after the command's name to the error stream; returns {@link #FAILED}. */
    static int fail(CommandSpec spec, RigException e) {
        print(spec, e);
        return FAILED;
    }

    private static void print(CommandSpec spec, RigException e) {
        PrintWriter err = spec.commandLine().getErr();
        err.println(spec.qualifiedName() + ": " + e.getMessage().lines().findFirst().orElse(""));
        err.flush();
    }

    /** The board named {@code name}, or a refusal that lists the rig's boards. */
    static BoardProfile board(RigFile rig, String name) {
        return rig.boards().stream().filter(board -> board.name().equals(name)).findFirst()
                .orElseThrow(() -> new RigException("no board named '" + name + "' in " + rig.file() + "; its boards are "
                        + rig.boards().stream().map(BoardProfile::name).collect(Collectors.joining(", "))));
    }
}
