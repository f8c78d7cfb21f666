package dev.dpsrig.app.cli.test;

import io.cucumber.core.plugin.JUnitFormatter;
import java.io.OutputStream;

/**
 * junit.xml: Cucumber's JUnit XML report, a failure's stack trace naming the feature file and line the user gave (or
 * the shipped feature's) rather than the copy's.
 */
public final class JunitReport extends OriginalPathsReport {
    /** The report, written to {@code out}. */
    public JunitReport(OutputStream out) {
        super(new JUnitFormatter(out), OriginalPathsReport::fileUri);
    }
}
