package dev.dpsrig.app.cli.test;

import io.cucumber.core.plugin.JsonFormatter;
import java.io.OutputStream;

/**
 * report.json: Cucumber's JSON report, each feature's {@code uri} the {@code file:} URI of the feature the user gave
 * or of the shipped one ({@code file:features/allocation/allocation.feature}); its tags and the scenario names say the
 * transport.
 */
public final class JsonReport extends OriginalPathsReport {
    /** The report, written to {@code out}. */
    public JsonReport(OutputStream out) {
        super(new JsonFormatter(out), OriginalPathsReport::fileUri);
    }
}
