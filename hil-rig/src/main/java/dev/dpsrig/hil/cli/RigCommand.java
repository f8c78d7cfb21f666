package dev.dpsrig.hil.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "rig", mixinStandardHelpOptions = true,
        description = "Boards on a test rig: check that every board of a rig file is wired and answering, switch a board's"
                + " power, talk to its console.",
        subcommands = {RigCheckCommand.class, RigPowerCommand.class, RigConsoleCommand.class})
public final class RigCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "choose a subcommand: check, power, console");
    }
}
