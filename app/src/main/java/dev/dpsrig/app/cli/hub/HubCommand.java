package dev.dpsrig.app.cli.hub;

import dev.dpsrig.app.cli.hub.benchmark.HubBenchmarkCommand;
import dev.dpsrig.app.cli.shared.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

@Command(name = "hub", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT,
        description = {"Look into the simulator's IoT hubs: the messages devices sent, the device identities DPS created,"
                + " and cloud-to-device messages.",
                "Talks to a running `dpsrig serve` found through its dev-settings.json (--data-dir).",
                "Commands that print data take az's -o/--output json|jsonc|table|tsv|none and --query JMESPATH."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {
                ExitCodes.DONE_LINE,
                ExitCodes.SERVICE_REFUSED_LINE,
                ExitCodes.USAGE_LINE,
                ExitCodes.UNREACHABLE_LINE},
        subcommands = {
                HubMessagesCommand.class,
                HubSendC2dCommand.class,
                HubDeviceCommand.class,
                HubGenerateSasTokenCommand.class,
                HubMonitorEventsCommand.class,
                HubBenchmarkCommand.class
        })
public final class HubCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "choose a subcommand: messages, send-c2d, device, generate-sas-token, monitor-events or benchmark");
    }
}
