package dev.dpsrig.app.cli.report;

import dev.dpsrig.emulator.fleet.FleetReport;
import dev.dpsrig.emulator.fleet.SummaryTable;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "merge", mixinStandardHelpOptions = true,
        description = {"Merge the reports of the shards of one fleet run into one, exactly: counts add up and the latency"
                + " histograms merge losslessly, so percentiles are those of the whole fleet.",
                "Writes report.json and report.html into --out and prints the summary, with the spec's thresholds judged again"
                        + " on the whole fleet and the verdict."})
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
        }
        merged.write(out);
        PrintWriter printer = spec.commandLine().getOut();
        printer.print(SummaryTable.render(merged));
        printer.println("report: " + out.resolve(FleetReport.JSON_FILE) + ", " + out.resolve(FleetReport.HTML_FILE));
        printer.flush();
        return 0;
    }
}
