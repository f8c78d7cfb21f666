package dev.dpsrig.app.cli.dps.fuzz;

import dev.dpsrig.app.cli.shared.DurationConverter;
import dev.dpsrig.app.cli.shared.ExitCodes;
import dev.dpsrig.simulator.fuzz.FuzzReport;
import dev.dpsrig.simulator.fuzz.Fuzzer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The long fuzz run: the same fuzzer as the build's short run, for as many requests and as long as asked,
 * against a simulator it starts in-process (so that it can read the stored state before and after each
 * refused request, which a simulator in another process would not show it).
 */
@Command(name = "fuzz", mixinStandardHelpOptions = true,
        description = {"Drive malformed and hostile requests at every endpoint of an in-process simulator over TLS (DPS device API,"
                + " service API, hub device API, admin API): bad JSON, content types, SAS tokens, policies and client certificates,"
                + " header oddities, HTTP framing, request lines and paths. Each case is reproducible from the seed and its index.",
                "A finding is a 5xx answer, a 2xx for credentials that must be refused, or a change to stored state by a refused"
                        + " request. Prints the answers by status, the findings with the request that caused each, cases/s and the"
                        + " core count."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {"0:no finding", "1:at least one finding, or an unexpected error", "2:usage error"})
public final class DpsFuzzCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--requests", defaultValue = "10000", description = "Cases to run at most, one request each"
            + " (a pipelining case sends more) (default: ${DEFAULT-VALUE}).")
    private int requests;

    @Option(names = "--seed", description = "The seed; a random one (printed) by default.")
    private Long seed;

    @Option(names = "--duration", defaultValue = "10m", converter = DurationConverter.class,
            description = "Stop after this long even if cases remain, e.g. 90s, 10m (default: ${DEFAULT-VALUE}).")
    private Duration duration;

    @Option(names = "--only", paramLabel = "INDEX", description = "Run just this case of the seed, to reproduce a finding.")
    private Integer only;

    @Option(names = "--read-timeout", defaultValue = "10s", converter = DurationConverter.class,
            description = "How long a case waits for its answer (default: ${DEFAULT-VALUE}).")
    private Duration readTimeout;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where the fuzzed simulator keeps its state: a new or empty folder, left as the run leaves it"
                    + " (default: a temporary folder, removed afterwards). Never a live simulator's folder.")
    private Path dataDirectory;

    @Override
    public Integer call() {
        if (requests < 1 || only != null && only < 0) {
            throw new ParameterException(spec.commandLine(), "--requests must be at least 1 and --only at least 0");
        }
        if (dataDirectory != null && !isNewOrEmpty(dataDirectory)) {
            throw new ParameterException(spec.commandLine(), "--data-dir " + dataDirectory
                    + " is not empty: the fuzzer changes and breaks what it finds there, so give it a new or empty folder");
        }
        long chosenSeed = seed != null ? seed : ThreadLocalRandom.current().nextLong(1, 1_000_000_000L);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("dps fuzz: seed %d, up to %d cases or %d s%n", chosenSeed, requests, duration.toSeconds());
        out.flush();
        FuzzReport report = Fuzzer.run(new Fuzzer.Settings(chosenSeed, requests, duration, readTimeout,
                Optional.ofNullable(dataDirectory), Optional.ofNullable(only)), out);
        report.print(out, "dpsrig dps fuzz --seed %d --only %d");
        return report.findings().isEmpty() ? 0 : 1;
    }

    private static boolean isNewOrEmpty(Path directory) {
        if (!Files.exists(directory)) {
            return true;
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }
}
