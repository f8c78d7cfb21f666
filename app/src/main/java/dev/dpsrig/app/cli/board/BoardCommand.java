package dev.dpsrig.app.cli.board;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "board", mixinStandardHelpOptions = true,
        description = "Boards on a rig, real or virtual: emulate one on a serial line for a rig without hardware.",
        subcommands = BoardEmulateCommand.class)
public final class BoardCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "choose a subcommand: emulate");
    }
}
