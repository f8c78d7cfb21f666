package dev.dpsrig.app.cli.fleet;

import dev.dpsrig.app.cli.fleet.benchmark.FleetBenchmarkCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "fleet", mixinStandardHelpOptions = true,
        description = {"Emulate a fleet of devices: register them through DPS and send telemetry, with a live progress line,"
                + " a summary and a report folder (report.json, report.html)."},
        subcommands = {FleetRunCommand.class, FleetBenchmarkCommand.class})
public final class FleetCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "choose a subcommand: run");
    }
}
