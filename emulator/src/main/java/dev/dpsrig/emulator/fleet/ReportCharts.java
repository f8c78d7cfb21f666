package dev.dpsrig.emulator.fleet;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.HdrHistogram.Histogram;

/**
 * The charts of {@code report.html}, drawn from a report: devices by status and throughput over time, registration and
 * telemetry latency (p50, p95, p99) second by second, the latency histogram, and latency by percentile. A chart with
 * nothing to draw is a sentence saying so.
 */
final class ReportCharts {
    private static final double[] PERCENTILES = {0, 50, 75, 90, 95, 99, 99.9, 99.99, 100};
    /** Upper bounds of the latency histogram's bins, in milliseconds: 1-2-5 steps. */
    private static final double[] BINS = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 60_000};

    private ReportCharts() {
    }

    static String render(FleetReport report) {
        List<FleetReport.Bucket> timeline = report.timeline();
        double[] seconds = timeline.stream().mapToDouble(b -> b.second() + 1).toArray();
        StringBuilder html = new StringBuilder();
        List<SvgChart.Series> phases = new ArrayList<>();
        for (int p = 0; p < FleetReport.PHASES.size(); p++) {
            String phase = FleetReport.PHASES.get(p);
            phases.add(new SvgChart.Series(phase, timeline.stream().mapToDouble(b -> b.phases().getOrDefault(phase, 0L)).toArray(),
                    SvgChart.COLORS[p]));
        }
        html.append("<h2>Devices by status over time</h2>\n").append(SvgChart.lines("devices", "seconds since start", seconds, List.of(), phases));
        html.append("<h2>Throughput</h2>\n").append(SvgChart.lines("per second", "seconds since start", seconds, List.of(), List.of(
                new SvgChart.Series("registrations/s", timeline.stream().mapToDouble(FleetReport.Bucket::registrations).toArray(), SvgChart.COLORS[1]),
                new SvgChart.Series("messages/s", timeline.stream().mapToDouble(FleetReport.Bucket::messages).toArray(), SvgChart.COLORS[2]),
                new SvgChart.Series("errors/s", timeline.stream().mapToDouble(FleetReport.Bucket::errors).toArray(), SvgChart.COLORS[4]))));
        overTime(html, "Registration latency over time (time to assigned)", "registrations", timeline, seconds, FleetReport.Bucket::registration);
        overTime(html, "Telemetry latency over time", "messages", timeline, seconds, FleetReport.Bucket::telemetry);
        List<Named> latencies = List.of(new Named("register request", report.register()), new Named("operation status", report.requests().poll()),
                new Named("time to assigned", report.timeToAssigned()), new Named("telemetry send", report.telemetry()));
        List<Named> drawn = latencies.stream().filter(n -> n.histogram().getTotalCount() > 0).toList();
        html.append("<h2>Latency histogram</h2>\n");
        if (drawn.isEmpty()) {
            html.append("<p>No latencies were measured in this run.</p>\n");
            return html.toString();
        }
        html.append("<p>Share of each kind of request (%) by how long it took.</p>\n");
        html.append(SvgChart.bars("% of requests", "milliseconds (up to)", binLabels(), drawn.stream()
                .map(n -> new SvgChart.Series(n.label(), distribution(n.histogram()), color(latencies, n))).toList()));
        double[] positions = IntStream.range(0, PERCENTILES.length).asDoubleStream().toArray();
        List<String> labels = Arrays.stream(PERCENTILES).mapToObj(p -> p == 0 ? "min" : p == 100 ? "max"
                : BigDecimal.valueOf(p).stripTrailingZeros().toPlainString()).toList();
        html.append("<h2>Latency by percentile</h2>\n<p>Milliseconds at each percentile.</p>\n").append(SvgChart.lines("ms", "percentile",
                positions, labels, drawn.stream().map(n -> new SvgChart.Series(n.label(), percentiles(n.histogram()),
                        color(latencies, n))).toList()));
        return html.toString();
    }

    /** A histogram and what it measures. */
    private record Named(String name, Histogram histogram) {
        String label() {
            return name + " (" + histogram.getTotalCount() + ")";
        }
    }

    private static String color(List<Named> all, Named one) {
        return SvgChart.COLORS[1 + all.indexOf(one)];
    }

    private static void overTime(StringBuilder html, String title, String what, List<FleetReport.Bucket> timeline, double[] seconds,
                                 Function<FleetReport.Bucket, PackedHistogram> which) {
        List<Histogram> perSecond = timeline.stream().map(b -> which.apply(b).unpack()).toList();
        html.append("<h2>").append(title).append("</h2>\n");
        if (perSecond.stream().allMatch(h -> h.getTotalCount() == 0)) {
            html.append("<p>No ").append(what).append(" in this run.</p>\n");
            return;
        }
        List<SvgChart.Series> series = new ArrayList<>();
        double[] percentiles = {50, 95, 99};
        for (int p = 0; p < percentiles.length; p++) {
            double percentile = percentiles[p];
            series.add(new SvgChart.Series("p" + (int) percentile, perSecond.stream().mapToDouble(h -> h.getTotalCount() == 0 ? Double.NaN
                    : h.getValueAtPercentile(percentile) / 1000.0).toArray(), SvgChart.COLORS[p + 1]));
        }
        html.append(SvgChart.lines("ms", "seconds since start (" + what + " completed in each second)", seconds, List.of(), series));
    }

    private static List<String> binLabels() {
        List<String> labels = new ArrayList<>();
        for (double bin : BINS) {
            labels.add(bin >= 1000 ? SvgChart.format(bin / 1000) + " s" : SvgChart.format(bin));
        }
        labels.add("more");
        return labels;
    }

    /** The share (%) of the histogram's values in each bin. */
    private static double[] distribution(Histogram histogram) {
        double[] shares = new double[BINS.length + 1];
        long below = 0;
        for (int i = 0; i < BINS.length; i++) {
            long upTo = histogram.getCountBetweenValues(0, (long) (BINS[i] * 1000));
            shares[i] = 100.0 * (upTo - below) / histogram.getTotalCount();
            below = upTo;
        }
        shares[BINS.length] = 100.0 * (histogram.getTotalCount() - below) / histogram.getTotalCount();
        return shares;
    }

    private static double[] percentiles(Histogram histogram) {
        double[] values = new double[PERCENTILES.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = PERCENTILES[i] == 0 ? histogram.getMinValue() / 1000.0
                    : PERCENTILES[i] == 100 ? histogram.getMaxValue() / 1000.0
                    : histogram.getValueAtPercentile(PERCENTILES[i]) / 1000.0;
        }
        return values;
    }
}
