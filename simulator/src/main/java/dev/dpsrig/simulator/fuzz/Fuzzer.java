package dev.dpsrig.simulator.fuzz;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Drives malformed and hostile requests at every endpoint of an in-process simulator over real TLS
 * connections, one at a time, and judges each by three oracles: no answer may be a 5xx; no request
 * whose credentials must be refused may get a 2xx; and a request that was refused (or got no answer)
 * must leave the stored state as it found it. Case {@code i} of seed {@code s} is the same request
 * shape on every run ({@code SplittableRandom} seeded from both), so a finding is reproduced by its
 * seed and index alone.
 *
 * <pre>{@code
 * FuzzReport report = Fuzzer.run(new Fuzzer.Settings(14, 2000, Duration.ofSeconds(40), ...), progress);
 * report.print(out, "dpsrig dps fuzz --seed %d --only %d");
 * }</pre>
 */
public final class Fuzzer {
    /**
     * @param seed         what makes the run repeatable
     * @param requests     how many cases at most
     * @param budget       how long at most, setting up included (the run stops after the case in flight)
     * @param readTimeout  how long a case waits for its answer
     * @param dataDirectory where the simulator keeps its state; a temporary folder when empty
     * @param only         run just this case (after setting the world up as for any case)
     */
    public record Settings(long seed, int requests, Duration budget, Duration readTimeout, Optional<Path> dataDirectory,
                           Optional<Integer> only) {
        public Settings {
            if (requests < 0) {
                throw new IllegalArgumentException("requests must not be negative");
            }
        }
    }

    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(15);

    private Fuzzer() {
    }

    public static FuzzReport run(Settings settings, PrintWriter progress) {
        List<Operations.Operation> operations = Operations.all();
        List<Mutations.Mutation> mutations = Mutations.all();
        FuzzReport report = new FuzzReport(settings);
        // The budget covers setting the world up too, so that a busy machine still keeps to it.
        long started = System.nanoTime();
        try (ServerLog log = ServerLog.capture(); Fixture fixture = Fixture.start(settings.dataDirectory())) {
            WireClient client = new WireClient("127.0.0.1", settings.readTimeout());
            report.logged(log::failureFor);
            long fuzzing = System.nanoTime();
            report.setUp((fuzzing - started) / 1e9);
            long nextProgress = started + PROGRESS_EVERY.toNanos();
            int first = settings.only().orElse(0);
            int last = settings.only().map(i -> i + 1).orElse(settings.requests());
            boolean accepted = true;
            for (int index = first; index < last; index++) {
                if (System.nanoTime() - started > settings.budget().toNanos()) {
                    report.stoppedByBudget();
                    break;
                }
                long phase = System.nanoTime();
                boolean unsettled = fixture.restore() | accepted;
                Draft draft;
                try {
                    draft = generate(settings.seed(), index, fixture, operations, mutations);
                } catch (RuntimeException e) {
                    // A bug of the fuzzer's, not the server's: said, and the run goes on.
                    report.unbuilt(index, e);
                    continue;
                }
                StateSnapshot before = unsettled ? fixture.settledSnapshot() : fixture.snapshot();
                report.time(FuzzReport.Phase.PREPARE, System.nanoTime() - phase);
                byte[] bytes = draft.request.bytes();
                List<String> methods = new ArrayList<>();
                methods.add(draft.request.methodUpper());
                methods.addAll(draft.request.answerMethods);
                log.currentCase(index);
                Exchange exchange = client.send(fixture.identities.get(draft.identity), draft.onHub ? fixture.hubPort : fixture.dpsPort,
                        bytes, draft.request.answersExpected, methods);
                report.time(FuzzReport.Phase.EXCHANGE, exchange.nanos());
                phase = System.nanoTime();
                List<String> changes = List.of();
                accepted = exchange.anySuccess();
                if (!accepted) {
                    changes = fixture.snapshot().changesSince(before);
                }
                report.time(FuzzReport.Phase.CHECK, System.nanoTime() - phase);
                report.record(index, draft, bytes, exchange, changes);
                if (System.nanoTime() > nextProgress) {
                    nextProgress += PROGRESS_EVERY.toNanos();
                    progress.printf(Locale.ROOT, "  ... %d cases in %.0f s, %d findings%n", report.cases(),
                            (System.nanoTime() - started) / 1e9, report.findings().size());
                    progress.flush();
                }
            }
            report.finish((System.nanoTime() - fuzzing) / 1e9, log.summary());
        }
        return report;
    }

    /** Case {@code index} of {@code seed}: an operation's well-formed request, then 0 to 3 mutations in a fixed order of kinds. */
    static Draft generate(long seed, int index, Fixture fixture, List<Operations.Operation> operations, List<Mutations.Mutation> mutations) {
        SplittableRandom random = new SplittableRandom(mix(seed, index));
        Operations.Operation operation = weighted(random, operations);
        Draft draft = operation.template().apply(fixture, random);
        int roll = random.nextInt(100);
        int count = roll < 5 ? 0 : roll < 60 ? 1 : roll < 88 ? 2 : 3;
        List<Mutations.Kind> kinds = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            kinds.add(weightedKind(random));
        }
        kinds.sort(null);
        for (Mutations.Kind kind : kinds) {
            List<Mutations.Mutation> applicable = mutations.stream().filter(m -> m.kind() == kind && m.appliesTo().test(draft)).toList();
            if (applicable.isEmpty()) {
                continue;
            }
            Mutations.Mutation mutation = Json.pick(random, applicable);
            String detail = mutation.mutator().apply(draft, random, fixture);
            draft.mutations.add(mutation.name() + (detail.isEmpty() ? "" : " " + detail));
        }
        return draft;
    }

    private static Operations.Operation weighted(SplittableRandom random, List<Operations.Operation> operations) {
        int total = operations.stream().mapToInt(Operations.Operation::weight).sum();
        int pick = random.nextInt(total);
        for (Operations.Operation operation : operations) {
            pick -= operation.weight();
            if (pick < 0) {
                return operation;
            }
        }
        return operations.getLast();
    }

    private static Mutations.Kind weightedKind(SplittableRandom random) {
        Mutations.Kind[] kinds = Mutations.Kind.values();
        int total = 0;
        for (Mutations.Kind kind : kinds) {
            total += kind.weight;
        }
        int pick = random.nextInt(total);
        for (Mutations.Kind kind : kinds) {
            pick -= kind.weight;
            if (pick < 0) {
                return kind;
            }
        }
        return kinds[kinds.length - 1];
    }

    /** SplitMix64's finalizer over seed and index, so that neighbouring indexes get unrelated streams. */
    static long mix(long seed, long index) {
        long z = seed * 0x9E3779B97F4A7C15L + index + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
