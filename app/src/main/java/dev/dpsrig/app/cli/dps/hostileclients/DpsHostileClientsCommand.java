package dev.dpsrig.app.cli.dps.hostileclients;

import dev.dpsrig.app.cli.shared.DurationConverter;
import dev.dpsrig.app.cli.shared.ExitCodes;
import dev.dpsrig.simulator.fuzz.HostileClients;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Big bodies and slow clients against an in-process simulator: figures to read, not to assert. */
@Command(name = "hostile-clients", mixinStandardHelpOptions = true,
        description = {"Measure, against an in-process simulator, what hostile clients cost it:",
                "big bodies: an unauthenticated DPS register and hub telemetry request with a huge streamed body (Content-Length"
                        + " and chunked): the answer, the time to it, how much was sent by then, and how much the heap grew;",
                "slow clients: no TLS handshake, no request, half a head, a head or a body trickled a byte at a time, an idle"
                        + " keep-alive, on the DPS and hub ports at once: how long until the server cut each off."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {"0:measured (the figures are printed, never judged)", "1:an unexpected error", "2:usage error"})
public final class DpsHostileClientsCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--body-mb", defaultValue = "256", description = "Size of each big body in MB (default: ${DEFAULT-VALUE}).")
    private int bodyMegabytes;

    @Option(names = "--interval", defaultValue = "2s", converter = DurationConverter.class,
            description = "A trickling client sends a byte this often (default: ${DEFAULT-VALUE}).")
    private Duration interval;

    @Option(names = "--limit", defaultValue = "120s", converter = DurationConverter.class,
            description = "Give up on a connection the server has not cut off after this long (default: ${DEFAULT-VALUE}).")
    private Duration limit;

    @Option(names = "--skip-big-bodies", description = "Measure slow clients only.")
    private boolean skipBigBodies;

    @Option(names = "--skip-slow-clients", description = "Measure big bodies only.")
    private boolean skipSlowClients;

    @Override
    public Integer call() {
        if (bodyMegabytes < 1) {
            throw new ParameterException(spec.commandLine(), "--body-mb must be at least 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        HostileClients.run(Optional.empty(), bodyMegabytes * 1024L * 1024L, interval, limit, !skipBigBodies, !skipSlowClients, out);
        return 0;
    }
}
