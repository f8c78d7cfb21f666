package dev.dpsrig.app.cli.test;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;

import dev.dpsrig.features.board.Bench;
import dev.dpsrig.features.board.BenchNetwork;
import dev.dpsrig.features.targeting.Target;
import dev.dpsrig.features.targeting.TargetConfigException;
import dev.dpsrig.features.targeting.Targets;
import dev.dpsrig.features.transport.FeatureSource;
import dev.dpsrig.features.transport.Transport;
import dev.dpsrig.features.transport.TransportRuns;
import dev.dpsrig.hil.config.RigConfigException;
import dev.dpsrig.hil.config.RigFiles;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestTag;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
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
                "Writes report.html, report.json and junit.xml to the report folder; the exit code is 0 only when every"
                        + " selected scenario passed."})
public final class TestCommand implements Callable<Integer> {
    static final Path DEFAULT_REPORTS = Path.of("target", "dpsrig-test");

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "PATH", description = "Feature files or folders (default: the shipped features).")
    private List<Path> paths = new ArrayList<>();

    @Option(names = {"-t", "--tags"}, paramLabel = "EXPR", description = "Only scenarios matching this tag expression, e.g. '@x509 and not @slow'.")
    private String tags;

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
        PrintWriter out = spec.commandLine().getOut();
        Set<Transport> transports;
        try {
            transports = Transport.parse(transport);
        } catch (IllegalArgumentException e) {
            throw new TargetUsageException(e.getMessage(), e);
        }
        List<FeatureSource> sources = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path) || Files.isRegularFile(path) && path.toString().endsWith(".feature")) {
                sources.addAll(FeatureSource.from(path));
            } else {
                throw new ParameterException(spec.commandLine(), path + ": no such feature file or folder");
            }
        }
        if (paths.isEmpty()) {
            sources.addAll(FeatureSource.shipped());
        }
        Files.createDirectories(reports);
        List<DiscoverySelector> selectors = TransportRuns.write(sources, transports, reports.resolve("features")).stream()
                .map(folder -> (DiscoverySelector) selectDirectory(folder.toFile())).toList();
        out.printf("transports: %s%n", Transport.words(transports));
        Path html = reports.resolve("report.html").toAbsolutePath();
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectors)
                .filters(EngineFilter.includeEngines("cucumber"), TagFilter.excludeTags(TransportRuns.excludedTags(transports)))
                .configurationParameter("cucumber.glue", "dev.dpsrig.features.steps")
                .configurationParameter("cucumber.publish.quiet", "true")
                .configurationParameter("cucumber.plugin", String.join(", ", StepTally.class.getName(),
                        "html:" + html, "json:" + reports.resolve("report.json").toAbsolutePath(),
                        "junit:" + reports.resolve("junit.xml").toAbsolutePath()));
        if (tags != null) {
            request.configurationParameter("cucumber.filter.tags", tags);
        }
        Launcher launcher = LauncherFactory.create();
        if (!chosen.hasSimulatorControls()) {
            long left = simulatorOnly(launcher.discover(request.build()));
            request.configurationParameter("cucumber.filter.tags",
                    (tags == null ? "" : "(" + tags + ") and ") + "not " + Targets.SIMULATOR_ONLY_TAG);
            out.printf("target %s: skipping %d scenario%s tagged %s (%s)%n", chosen.name(), left, left == 1 ? "" : "s",
                    Targets.SIMULATOR_ONLY_TAG, Targets.SIMULATOR_ONLY_REASON);
        }
        if (rig != null) {
            String current = (tags == null ? "" : "(" + tags + ")");
            if (!chosen.hasSimulatorControls()) {
                current = (current.isEmpty() ? "" : current + " and ") + "not " + Targets.SIMULATOR_ONLY_TAG;
            }
            long virtualOnly = tagged(launcher.discover(request.build()), Bench.VIRTUAL_BOARD_TAG);
            request.configurationParameter("cucumber.filter.tags",
                    (current.isEmpty() ? "" : current + " and ") + "not " + Bench.VIRTUAL_BOARD_TAG);
            out.printf("rig %s: skipping %d scenario%s tagged %s (they inject faults that only a virtual board can)%n", rig,
                    virtualOnly, virtualOnly == 1 ? "" : "s", Bench.VIRTUAL_BOARD_TAG);
        }
        LauncherDiscoveryRequest discovery = request
                .configurationParameter(Targets.TARGET_PROPERTY, chosen.name())
                .build();
        ScenarioProgress progress = new ScenarioProgress(out);
        StepTally.reset();
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
        return progress.failed == 0 && progress.passed > 0 ? 0 : 1;
    }

    private static long simulatorOnly(TestPlan plan) {
        return tagged(plan, Targets.SIMULATOR_ONLY_TAG);
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
