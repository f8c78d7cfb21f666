package dev.dpsrig.app.cli.test;

import dev.dpsrig.features.board.Bench;
import dev.dpsrig.features.board.BenchNetwork;
import dev.dpsrig.features.targeting.Target;
import dev.dpsrig.features.targeting.TargetConfigException;
import dev.dpsrig.features.targeting.Targets;
import dev.dpsrig.features.transport.Transport;
import dev.dpsrig.features.transport.TransportRuns;
import dev.dpsrig.hil.config.RigConfigException;
import dev.dpsrig.hil.config.RigFiles;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import org.junit.platform.engine.TestTag;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "test", mixinStandardHelpOptions = true,
        description = {"Run the shipped features (or the given .feature files and folders) against an in-process simulator"
                + " on free ports, or against a real Azure DPS, printing each scenario as it ends and a summary.",
                "--target azure reads its settings from --azure-config (a .properties file with idScope, globalEndpoint,"
                        + " serviceConnectionString, hubConnectionString) and from DPSRIG_AZURE_ID_SCOPE, DPSRIG_AZURE_GLOBAL_ENDPOINT,"
                        + " DPSRIG_AZURE_SERVICE_CONNECTION_STRING, DPSRIG_AZURE_HUB_CONNECTION_STRING, which win over the file;"
                        + " scenarios tagged @simulator-only are left out.",
                "Each scenario whose devices are emulated runs once over each --transport (default https and mqtt), its name"
                        + " ending in the transport, e.g. [mqtt]; @https-only and @board scenarios run over HTTPS only,"
                        + " @mqtt-only scenarios in the mqtt run only.",
                "Writes report.html, report.json, junit.xml and rerun.txt to the report folder; rerun.txt names the scenarios"
                        + " that did not pass (PATH:LINE...@TRANSPORT a line), and 'dpsrig test @<reports>/rerun.txt' runs just"
                        + " those. The exit code is 0 only when every selected scenario passed; 2 for a usage error."})
public final class TestCommand implements Callable<Integer> {
    static final Path DEFAULT_REPORTS = Path.of("target", "dpsrig-test");

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "PATH[:LINE...]",
            description = "Feature files or folders (default: the shipped features); a file may name the lines of the scenarios"
                    + " to run, as Cucumber's do (features/provisioning/x509.feature:12:30), and end in @TRANSPORT to run"
                    + " them over that transport only. @FILE reads them from a file, e.g. @target/dpsrig-test/rerun.txt.")
    private List<String> paths = new ArrayList<>();

    @Option(names = {"-t", "--tags"}, paramLabel = "EXPR", description = "Only scenarios matching this tag expression, e.g. '@x509 and not @slow'.")
    private String tags;

    @Option(names = {"-n", "--name"}, paramLabel = "REGEX", description = "Only scenarios whose name matches this regular expression.")
    private String name;

    @Option(names = "--dry-run", description = "Match every selected scenario's steps to the step library without running them;"
            + " report the undefined and ambiguous ones. Exit code 0 when every step is defined.")
    private boolean dryRun;

    @Option(names = "--list-steps", description = "List every step the step library defines, by area, with its parameter types"
            + " and an example from the shipped features (or the given ones), and exit.")
    private boolean listSteps;

    @Option(names = "--reports", paramLabel = "DIR", description = "Where the reports go (default: target/dpsrig-test).")
    private Path reports = DEFAULT_REPORTS;

    @Option(names = "--target", defaultValue = "simulator", paramLabel = "TARGET",
            description = "simulator (default) or azure: what the scenarios run against.")
    private String target;

    @Option(names = "--transport", defaultValue = "https,mqtt", paramLabel = "https|mqtt|mqtt-ws|all",
            description = "The transports emulated devices use; each scenario runs once over each: https, mqtt (MQTT over TLS),"
                    + " mqtt-ws (MQTT over WebSockets), a comma-separated list, or all (default: https,mqtt).")
    private String transport;

    @Option(names = "--azure-config", paramLabel = "FILE", description = "Settings of the Azure target (.properties); environment variables win over it.")
    private Path azureConfig;

    @Option(names = "--rig", paramLabel = "FILE",
            description = "Run @board scenarios against the boards of this rig file instead of virtual boards on pseudo-terminals.")
    private Path rig;

    @Option(names = "--bench-host", paramLabel = "ADDR",
            description = "Bind the scenarios' simulator to this address on the bench network, for real boards to reach (default: loopback).")
    private String benchHost;

    @Option(names = "--bench-name", paramLabel = "NAME", description = "Host name the boards use for the simulator; its certificate carries it (default: the bench host).")
    private String benchName;

    @Option(names = "--bench-port", paramLabel = "PORT", description = "DPS port on the bench network; the hub takes the next one (default: 8443).")
    private String benchPort;

    @Option(names = "--bench-tls", paramLabel = "DIR", description = "Where the bench's development CA is kept, for boards to trust (default: ./dpsrig-bench-tls).")
    private Path benchTls;

    @Option(names = "--slowest", defaultValue = "5", paramLabel = "N", description = "How many of the slowest scenarios the summary names (default: ${DEFAULT-VALUE}).")
    private int slowest;

    @Override
    public Integer call() throws Exception {
        ScenarioFilter filter = ScenarioFilter.of(tags, name);
        List<FeatureArgument> arguments = paths.stream().map(FeatureArgument::parse).toList();
        PrintWriter out = spec.commandLine().getOut();
        if (listSteps) {
            return listSteps(arguments.isEmpty() ? List.of(FeatureArgument.allShipped()) : arguments, out);
        }
        Target chosen = target();
        Map<String, Optional<String>> bench = bench();
        Set<Transport> transports;
        try {
            transports = Transport.parse(transport);
        } catch (IllegalArgumentException e) {
            throw new TargetUsageException(e.getMessage(), e);
        }
        if (arguments.isEmpty() && givenRerunFile()) {
            out.println("nothing to rerun: the rerun file names no scenario");
            return 0;
        }
        Files.createDirectories(reports);
        FeatureCopies copies = FeatureCopies.write(arguments.isEmpty() ? List.of(FeatureArgument.allShipped()) : arguments,
                transports, reports.resolve("features"));
        if (!dryRun && chosen.hasSimulatorControls()) {
            out.println("starting simulator… (each scenario starts its own, on free ports)");
            out.flush();
        }
        out.printf("transports: %s%n", Transport.words(copies.transports()));
        Path html = reports.resolve("report.html").toAbsolutePath();
        Launcher launcher = LauncherFactory.create();
        if (!chosen.hasSimulatorControls()) {
            long left = tagged(launcher.discover(CucumberRun.request(copies, filter, null, dryRun).build()), Targets.SIMULATOR_ONLY_TAG);
            filter = filter.without(Targets.SIMULATOR_ONLY_TAG);
            out.printf("target %s: skipping %d scenario%s tagged %s (%s)%n", chosen.name(), left, left == 1 ? "" : "s",
                    Targets.SIMULATOR_ONLY_TAG, Targets.SIMULATOR_ONLY_REASON);
        }
        if (rig != null) {
            long virtualOnly = tagged(launcher.discover(CucumberRun.request(copies, filter, null, dryRun).build()), Bench.VIRTUAL_BOARD_TAG);
            filter = filter.without(Bench.VIRTUAL_BOARD_TAG);
            out.printf("rig %s: skipping %d scenario%s tagged %s (they inject faults that only a virtual board can)%n", rig,
                    virtualOnly, virtualOnly == 1 ? "" : "s", Bench.VIRTUAL_BOARD_TAG);
        }
        LauncherDiscoveryRequest discovery = CucumberRun.request(copies, filter, reports, dryRun)
                .configurationParameter(Targets.TARGET_PROPERTY, chosen.name())
                .build();
        ScenarioProgress progress = new ScenarioProgress(out, copies, dryRun);
        // The scenarios' world reads the target where a suite run by Maven would set it: system properties.
        Map<String, Optional<String>> before = setProperties(Map.of(Targets.TARGET_PROPERTY, Optional.of(chosen.name()),
                Targets.AZURE_CONFIG_PROPERTY, Optional.ofNullable(azureConfig).map(path -> path.toAbsolutePath().toString()),
                Bench.RIG_PROPERTY, Optional.ofNullable(rig).map(path -> path.toAbsolutePath().toString())));
        before.putAll(setProperties(bench));
        try {
            launcher.execute(discovery, progress);
        } finally {
            setProperties(before);
        }
        progress.summarize(StepTally.counts(), slowest, html);
        UndefinedSteps.print(StepCatalog.snapshot(), copies, out);
        Path rerun = reports.resolve(RerunFile.NAME);
        RerunFile.write(progress.notPassed(), rerun);
        if (!progress.notPassed().isEmpty()) {
            out.println("rerun them: dpsrig test @" + rerun);
        }
        out.flush();
        return progress.succeeded() ? 0 : 1;
    }

    /** Prints the step library's vocabulary, its examples taken from a dry run of {@code arguments}' features. */
    private int listSteps(List<FeatureArgument> arguments, PrintWriter out) throws Exception {
        Path folder = Files.createTempDirectory("dpsrig-steps");
        try {
            FeatureCopies copies = FeatureCopies.write(arguments, EnumSet.allOf(Transport.class), folder);
            LauncherFactory.create().execute(CucumberRun.request(copies, ScenarioFilter.of(null, null), null, true).build());
            StepVocabulary.of(StepCatalog.snapshot(), copies).print(out);
            return 0;
        } finally {
            TransportRuns.deleteAll(folder);
        }
    }

    /** Whether the command line named a rerun file ({@code @FILE}, which picocli reads in as the {@code PATH}s it holds). */
    private boolean givenRerunFile() {
        return spec.commandLine().getParseResult().originalArgs().stream()
                .filter(arg -> arg.startsWith("@") && !arg.equals(tags) && !arg.equals(name))
                .anyMatch(arg -> Files.isRegularFile(Path.of(arg.substring(1))));
    }

    private Target target() {
        Target chosen;
        try {
            chosen = Targets.resolve(target, Optional.ofNullable(azureConfig), System.getenv());
        } catch (TargetConfigException e) {
            throw new TargetUsageException(e.getMessage(), e);
        }
        if (rig != null) {
            try {
                RigFiles.load(rig);
            } catch (RigConfigException e) {
                throw new TargetUsageException(e.getMessage(), e);
            }
        }
        return chosen;
    }

    /** The bench network settings given, checked, as the system properties the scenarios read them from. */
    private Map<String, Optional<String>> bench() {
        Map<String, Optional<String>> bench = Map.of(BenchNetwork.HOST_PROPERTY, Optional.ofNullable(benchHost),
                BenchNetwork.NAME_PROPERTY, Optional.ofNullable(benchName), BenchNetwork.PORT_PROPERTY, Optional.ofNullable(benchPort),
                BenchNetwork.TLS_PROPERTY, Optional.ofNullable(benchTls).map(path -> path.toAbsolutePath().toString()));
        if (benchHost == null && (benchName != null || benchPort != null || benchTls != null)) {
            throw new TargetUsageException("--bench-name, --bench-port and --bench-tls need --bench-host, the address the boards reach", null);
        }
        try {
            Properties given = new Properties();
            bench.forEach((key, value) -> value.ifPresent(v -> given.setProperty(key, v)));
            BenchNetwork.from(given);
        } catch (IllegalArgumentException e) {
            throw new TargetUsageException(e.getMessage(), e);
        }
        return bench;
    }

    private static long tagged(TestPlan plan, String tagName) {
        TestTag tag = TestTag.create(tagName.substring(1));
        return plan.getRoots().stream().flatMap(root -> plan.getDescendants(root).stream())
                .filter(test -> test.isTest() && test.getTags().contains(tag)).count();
    }

    /** Sets (or clears, for an empty value) each property; answers what they were. */
    private static Map<String, Optional<String>> setProperties(Map<String, Optional<String>> values) {
        Map<String, Optional<String>> before = new HashMap<>();
        values.forEach((name, value) -> {
            before.put(name, Optional.ofNullable(System.getProperty(name)));
            value.ifPresentOrElse(v -> System.setProperty(name, v), () -> System.clearProperty(name));
        });
        return before;
    }
}
