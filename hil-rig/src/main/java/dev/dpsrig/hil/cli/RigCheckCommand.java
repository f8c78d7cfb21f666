package dev.dpsrig.hil.cli;

import dev.dpsrig.hil.Pause;
import dev.dpsrig.hil.RigListener;
import dev.dpsrig.hil.check.BoardProbes;
import dev.dpsrig.hil.check.CheckRow;
import dev.dpsrig.hil.check.CheckTable;
import dev.dpsrig.hil.check.RigCheck;
import dev.dpsrig.hil.config.RigConfigException;
import dev.dpsrig.hil.config.RigFile;
import dev.dpsrig.hil.config.RigFiles;
import dev.dpsrig.hil.gpio.NoGpioProviderException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Load a rig file and probe every board: its GPIO lines can be claimed, its serial port opens,"
                + " and it answers its probe (console boards: the profile's probe line and expected answer).",
                "Boards are powered on for the probe and left off. Prints a table; exits 0 only if every board passes,"
                        + " 1 if one fails, 2 if the rig file is bad or its GPIO platform cannot start.",
                "Example: dpsrig rig check --rig rig.yaml"})
public final class RigCheckCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--rig", required = true, paramLabel = "FILE", description = "The rig file (YAML).")
    private Path rigFile;

    /** Probes per board mode: a console board's probe line, a key holder's HELLO. */
    static BoardProbes probes() {
        return BoardProbes.standard();
    }

    @Override
    public Integer call() {
        List<CheckRow> rows;
        try {
            RigFile rig = RigFiles.load(rigFile);
            rows = new RigCheck(Clock.systemUTC(), Pause.SLEEPING, RigListener.NONE, probes()).check(rig);
        } catch (RigConfigException | NoGpioProviderException e) {
            return RigCommands.refuse(spec, e);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(CheckTable.render(rows));
        out.flush();
        return rows.stream().allMatch(CheckRow::passed) ? 0 : RigCommands.FAILED;
    }
}
