package dev.dpsrig.simulator.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The short fuzz run of every build: a fixed seed, up to 1,200 hostile requests at every endpoint of an
 * in-process simulator over TLS, under a minute on two cores (a busy machine runs fewer: the time budget stops it). It fails on any 5xx answer, any 2xx for
 * credentials that must be refused, and any change to stored state by a refused request, and prints
 * each finding with the request that caused it and the command that reruns it.
 *
 * <p>{@code ./dpsrig dps fuzz --seed 14 --only INDEX} reruns one case; {@code -Ddpsrig.fuzz.seed=S},
 * {@code -Ddpsrig.fuzz.requests=N} and {@code -Ddpsrig.fuzz.only=INDEX} change this run.
 */
class FuzzIT {
    static final long SEED = 14;
    static final int REQUESTS = 1200;
    static final Duration BUDGET = Duration.ofSeconds(35);

    @Test
    void hostileRequestsGetNoServerErrorNoFalseAcceptAndChangeNothing() {
        Fuzzer.Settings settings = new Fuzzer.Settings(Long.getLong("dpsrig.fuzz.seed", SEED),
                Integer.getInteger("dpsrig.fuzz.requests", REQUESTS), BUDGET, Duration.ofSeconds(5), Optional.empty(),
                Optional.ofNullable(Integer.getInteger("dpsrig.fuzz.only")));
        StringWriter printed = new StringWriter();
        PrintWriter out = new PrintWriter(printed, true);
        FuzzReport report = Fuzzer.run(settings, new PrintWriter(System.out, true, StandardCharsets.UTF_8));
        // The command runs the same generator against the same world: case i of seed s is the same request.
        report.print(out, "./dpsrig dps fuzz --seed %d --only %d");
        System.out.println(printed);

        assertThat(report.cases()).as("cases run").isPositive();
        if (!report.findings().isEmpty()) {
            fail(report.findings().size() + " fuzz findings; the report above has each request, its answer and how to rerun it:\n"
                    + report.findings().stream().map(Finding::signature).distinct().collect(Collectors.joining("\n")));
        }
    }
}
