package dev.dpsrig.app.cli.test;

import io.cucumber.core.plugin.HtmlFormatter;
import java.io.IOException;
import java.io.OutputStream;

/**
 * report.html: Cucumber's HTML report, each feature headed by its path and the transport its scenarios ran over
 * ({@code features/allocation/allocation.feature [mqtt]}), as the scenario names end in it.
 */
public final class HtmlReport extends OriginalPathsReport {
    /** The report, written to {@code out}. */
    public HtmlReport(OutputStream out) throws IOException {
        super(new HtmlFormatter(out), copy -> copy.path() + " [" + copy.transport().word() + "]");
    }
}
