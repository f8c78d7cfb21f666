package dev.dpsrig.app.cli.report;

import dev.dpsrig.app.cli.shared.ExitCodes;
import dev.dpsrig.emulator.fleet.FleetReport;
import dev.dpsrig.emulator.fleet.SummaryTable;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dpsrig report merge}: the shards' reports of one fleet run as one report, judged again on the whole fleet. */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = {"Merge the reports of the shards of one fleet run into one, exactly: counts add up and the latency"
                + " histograms merge losslessly, so percentiles are those of the whole fleet.",
                "Writes report.json and report.html into --out and prints the summary, with the spec's thresholds judged again"
                        + " on the whole fleet and the verdict."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {
                "0:the merged verdict is PASSED: every device was assigned, every message acknowledged, every threshold held",
                "1:the merged verdict is FAILED: a device was not assigned, a message failed or a threshold failed on the whole"
                        + " fleet, or an unexpected error",
                "2:usage error: a report missing, unreadable or not a fleet report, or shards that do not fit together"})
final class ReportMergeCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR", description = "Folder for the merged report.")
    private Path out;

    @Parameters(arity = "1..*", paramLabel = "REPORT", description = "Shard report folders (or their report.json files).")
    private List<Path> reports;

    @Override
    public Integer call() {
        List<FleetReport> shards;
        FleetReport merged;
        try {
            shards = reports.stream().map(FleetReport::read).toList();
            merged = FleetReport.merge(shards);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        } catch (UncheckedIOException e) {
            throw new ParameterException(spec.commandLine(), e.getCause() instanceof NoSuchFileException missing
                    ? missing.getFile() + ": no such file" : e.getMessage());
        }
        merged.write(out);
        PrintWriter printer = spec.commandLine().getOut();
        printer.print(SummaryTable.render(merged));
        printer.println("report: " + out.resolve(FleetReport.JSON_FILE) + ", " + out.resolve(FleetReport.HTML_FILE));
        printer.flush();
        return merged.verdict().passed() ? ExitCodes.OK : ExitCodes.ERROR;
    }
}
