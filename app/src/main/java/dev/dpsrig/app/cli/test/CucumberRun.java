package dev.dpsrig.app.cli.test;

import dev.dpsrig.features.transport.TransportRuns;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.platform.engine.Filter;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;

/**
 * The request that runs a set of feature copies on Cucumber's JUnit Platform engine with the step library's glue:
 * the scenarios the filter keeps, each over the transports it has a meaning for, with {@link StepTally} and
 * {@link StepCatalog} listening and, when asked, Cucumber's html, json and junit reports naming the features rather
 * than their copies.
 */
final class CucumberRun {
    private static final String GLUE = "dev.dpsrig.features.steps";

    private CucumberRun() {
    }

    /**
     * The request for {@code copies}; {@code reports} is where the reports go, or {@code null} for none. In a dry run
     * Cucumber matches every step to its definition without running any.
     */
    static LauncherDiscoveryRequestBuilder request(FeatureCopies copies, ScenarioFilter filter, Path reports, boolean dryRun) {
        List<String> plugins = new ArrayList<>(List.of(StepTally.class.getName(), StepCatalog.class.getName()));
        if (reports != null) {
            OriginalPathsReport.use(copies);
            plugins.addAll(List.of(plugin(HtmlReport.class, reports.resolve("report.html")),
                    plugin(JsonReport.class, reports.resolve("report.json")), plugin(JunitReport.class, reports.resolve("junit.xml"))));
        }
        List<Filter<?>> filters = List.of(EngineFilter.includeEngines("cucumber"),
                TagFilter.excludeTags(TransportRuns.excludedTags(copies.transports())), filter);
        StepTally.reset();
        StepCatalog.reset();
        return LauncherDiscoveryRequestBuilder.request()
                .selectors(copies.selectors())
                .filters(filters.toArray(Filter<?>[]::new))
                .configurationParameter("cucumber.glue", GLUE)
                .configurationParameter("cucumber.publish.quiet", "true")
                .configurationParameter("cucumber.execution.dry-run", String.valueOf(dryRun))
                .configurationParameter("cucumber.plugin", String.join(", ", plugins));
    }

    private static String plugin(Class<? extends OriginalPathsReport> report, Path file) {
        return report.getName() + ":" + file.toAbsolutePath();
    }
}
