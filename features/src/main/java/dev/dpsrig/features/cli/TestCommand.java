package dev.dpsrig.features.cli;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathResource;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;

import io.cucumber.plugin.event.Status;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
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
                + " on free ports, printing each scenario as it ends and a summary.",
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

    @Option(names = "--slowest", defaultValue = "5", paramLabel = "N", description = "How many of the slowest scenarios the summary names (default: ${DEFAULT-VALUE}).")
    private int slowest;

    @Override
    public Integer call() throws Exception {
        List<DiscoverySelector> selectors = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                selectors.add(selectDirectory(path.toFile()));
            } else if (Files.isRegularFile(path) && path.toString().endsWith(".feature")) {
                selectors.add(selectFile(path.toFile()));
            } else {
                throw new ParameterException(spec.commandLine(), path + ": no such feature file or folder");
            }
        }
        if (selectors.isEmpty()) {
            selectors.add(selectClasspathResource("features"));
        }
        Files.createDirectories(reports);
        Path html = reports.resolve("report.html").toAbsolutePath();
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectors)
                .filters(EngineFilter.includeEngines("cucumber"))
                .configurationParameter("cucumber.glue", "dev.dpsrig.features.steps")
                .configurationParameter("cucumber.publish.quiet", "true")
                .configurationParameter("cucumber.plugin", String.join(", ", StepTally.class.getName(),
                        "html:" + html, "json:" + reports.resolve("report.json").toAbsolutePath(),
                        "junit:" + reports.resolve("junit.xml").toAbsolutePath()));
        if (tags != null) {
            request.configurationParameter("cucumber.filter.tags", tags);
        }
        LauncherDiscoveryRequest discovery = request.build();
        Progress progress = new Progress(spec.commandLine().getOut());
        StepTally.reset();
        LauncherFactory.create().execute(discovery, progress);
        progress.summarize(StepTally.counts(), slowest, html);
        return progress.failed == 0 && progress.passed > 0 ? 0 : 1;
    }

    /** One line per scenario as it ends; the counts and durations for the summary. */
    private static final class Progress implements TestExecutionListener {
        private final PrintWriter out;
        private final Map<String, Long> started = new ConcurrentHashMap<>();
        private final List<Map.Entry<String, Duration>> durations = new ArrayList<>();
        int passed;
        int failed;
        int skipped;

        Progress(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void executionStarted(TestIdentifier test) {
            if (test.isTest()) {
                started.put(test.getUniqueId(), System.nanoTime());
            }
        }

        @Override
        public void executionSkipped(TestIdentifier test, String reason) {
            if (test.isTest()) {
                skipped++;
                line("SKIP", test.getDisplayName() + " (" + reason + ")");
            }
        }

        @Override
        public void executionFinished(TestIdentifier test, TestExecutionResult result) {
            if (!test.isTest()) {
                return;
            }
            Duration took = Duration.ofNanos(System.nanoTime() - started.getOrDefault(test.getUniqueId(), System.nanoTime()));
            synchronized (durations) {
                durations.add(Map.entry(test.getDisplayName(), took));
            }
            switch (result.getStatus()) {
                case SUCCESSFUL -> {
                    passed++;
                    line("PASS", test.getDisplayName() + " (" + millis(took) + ")");
                }
                case ABORTED -> {
                    skipped++;
                    line("SKIP", test.getDisplayName() + reason(result.getThrowable()));
                }
                case FAILED -> {
                    failed++;
                    line("FAIL", test.getDisplayName() + " (" + millis(took) + ")" + reason(result.getThrowable()));
                }
            }
        }

        void summarize(Map<Status, Integer> steps, int slowest, Path html) {
            out.println();
            out.printf("%d scenarios: %d passed, %d failed, %d skipped%n", passed + failed + skipped, passed, failed, skipped);
            out.printf("%d steps: %d passed, %d failed, %d skipped%n", steps.values().stream().mapToInt(Integer::intValue).sum(),
                    steps.getOrDefault(Status.PASSED, 0), steps.getOrDefault(Status.FAILED, 0),
                    steps.entrySet().stream().filter(e -> e.getKey() != Status.PASSED && e.getKey() != Status.FAILED)
                            .mapToInt(Map.Entry::getValue).sum());
            List<Map.Entry<String, Duration>> slow = durations.stream()
                    .sorted(Map.Entry.<String, Duration>comparingByValue(Comparator.reverseOrder())).limit(slowest).toList();
            if (!slow.isEmpty()) {
                out.println("slowest:");
                slow.forEach(entry -> out.printf("  %8s  %s%n", millis(entry.getValue()), entry.getKey()));
            }
            if (passed + failed + skipped == 0) {
                out.println("no scenario matched");
            }
            out.println("report: " + html);
            out.flush();
        }

        private void line(String verdict, String text) {
            synchronized (out) {
                out.println(verdict + "  " + text);
                out.flush();
            }
        }

        private static String reason(Optional<Throwable> error) {
            return error.map(e -> "\n      " + String.valueOf(e.getMessage()).lines().limit(12)
                    .reduce((a, b) -> a + "\n      " + b).orElse(e.toString())).orElse("");
        }

        private static String millis(Duration duration) {
            return duration.toMillis() >= 1000 ? String.format("%.1f s", duration.toMillis() / 1000.0) : duration.toMillis() + " ms";
        }
    }
}
