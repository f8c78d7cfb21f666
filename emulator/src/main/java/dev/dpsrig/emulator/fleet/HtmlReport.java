package dev.dpsrig.emulator.fleet;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * {@code report.html}: one self-contained page (inline SVG and CSS, no scripts, nothing fetched) with the
 * summary, each transport's share (devices, messages, errors, latency), devices by status over time, registrations and messages per second, and latency by percentile.
 */
public final class HtmlReport {
    private static final String[] COLORS = {"#9e9e9e", "#1e88e5", "#fb8c00", "#43a047", "#e53935", "#8e24aa"};
    private static final double[] PERCENTILES = {0, 50, 75, 90, 95, 99, 99.9, 99.99, 100};
    private static final int WIDTH = 760;
    private static final int HEIGHT = 280;
    private static final int LEFT = 64;
    private static final int RIGHT = 150;
    private static final int TOP = 30;
    private static final int BOTTOM = 40;

    private HtmlReport() {
    }

    record Series(String name, double[] values) {
    }

    public static String render(FleetReport report) {
        StringBuilder html = new StringBuilder(32_000);
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>dpsrig fleet report</title>\n<style>")
                .append("body{font-family:system-ui,sans-serif;margin:2em;color:#222;max-width:1000px}")
                .append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 10px;text-align:right}")
                .append("th{background:#f4f4f4}td:first-child,th:first-child{text-align:left}svg{display:block;margin:1em 0}")
                .append("</style></head><body>\n<h1>dpsrig fleet report</h1>\n");
        html.append("<p>").append(report.devices()).append(" devices, shards ").append(escape(String.join(", ", report.shards())))
                .append(String.format(Locale.ROOT, ", %.1f s", report.seconds())).append("</p>\n");
        html.append("<table><tr><th>Figure</th><th>Value</th></tr>");
        row(html, "assigned", report.assigned());
        report.byStatus().forEach((status, count) -> {
            if (!status.equals("assigned")) {
                row(html, status, count);
            }
        });
        row(html, "registrations/s", String.format(Locale.ROOT, "%.1f", report.registrationsPerSecond()));
        row(html, "messages sent", report.sent());
        row(html, "messages acknowledged", report.acknowledged());
        row(html, "messages failed", report.failed());
        row(html, "messages/s", String.format(Locale.ROOT, "%.1f", report.messagesPerSecond()));
        row(html, "heap per device in flight", report.memory().bytesPerDeviceInFlight() + " bytes (peak "
                + report.memory().devicesInFlightPeak() + " in flight)");
        row(html, "platform threads (peak)", report.memory().platformThreadsPeak());
        html.append("</table>\n<h2>Latency (ms)</h2>\n<table><tr><th></th><th>count</th><th>p50</th><th>p90</th><th>p99</th>"
                + "<th>max</th></tr>");
        latencyRow(html, "register request", report.register());
        latencyRow(html, "time to assigned", report.timeToAssigned());
        latencyRow(html, "telemetry send", report.telemetry());
        html.append("</table>\n");
        if (!report.errors().isEmpty()) {
            html.append("<h2>Errors</h2>\n<table><tr><th>code</th><th>count</th></tr>");
            report.errors().forEach((code, count) -> row(html, code, count));
            html.append("</table>\n");
        }
        if (!report.transports().isEmpty()) {
            transports(html, report);
        }

        List<FleetReport.Bucket> timeline = report.timeline();
        double[] seconds = timeline.stream().mapToDouble(b -> b.second() + 1).toArray();
        List<Series> phases = new ArrayList<>();
        for (String phase : FleetReport.PHASES) {
            phases.add(new Series(phase, timeline.stream().mapToDouble(b -> b.phases().getOrDefault(phase, 0L)).toArray()));
        }
        html.append("<h2>Devices by status over time</h2>\n")
                .append(chart("devices", seconds, "seconds since start", phases, false));
        html.append("<h2>Throughput</h2>\n").append(chart("per second", seconds, "seconds since start", List.of(
                new Series("registrations/s", timeline.stream().mapToDouble(FleetReport.Bucket::registrations).toArray()),
                new Series("messages/s", timeline.stream().mapToDouble(FleetReport.Bucket::messages).toArray()),
                new Series("errors/s", timeline.stream().mapToDouble(FleetReport.Bucket::errors).toArray())), false));
        double[] positions = new double[PERCENTILES.length];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = i;
        }
        html.append("<h2>Latency distribution</h2>\n<p>Milliseconds at each percentile.</p>\n").append(chart("ms", positions,
                "percentile", List.of(percentiles("register request", report.register()),
                        percentiles("time to assigned", report.timeToAssigned()),
                        percentiles("telemetry send", report.telemetry())), true));
        html.append("</body></html>\n");
        return html.toString();
    }

    private static void transports(StringBuilder html, FleetReport report) {
        html.append("<h2>By transport</h2>\n<table><tr><th>transport</th><th>devices</th><th>assigned</th><th>messages sent</th>"
                + "<th>messages acknowledged</th><th>messages failed</th><th>errors</th><th style=\"text-align:left\">by code</th></tr>");
        report.transports().forEach((name, share) -> {
            html.append("<tr><td>").append(escape(name)).append("</td>");
            for (long value : new long[] {share.devices(), share.assigned(), share.sent(), share.acknowledged(), share.failed()}) {
                html.append("<td>").append(value).append("</td>");
            }
            html.append("<td>").append(share.errorCount()).append("</td><td style=\"text-align:left\">");
            share.errors().forEach((code, count) -> html.append(escape(code)).append(": ").append(count).append("<br>"));
            html.append("</td></tr>");
        });
        html.append("</table>\n<h2>Latency by transport (ms)</h2>\n<table><tr><th></th><th>count</th><th>p50</th><th>p90</th>"
                + "<th>p99</th><th>max</th></tr>");
        report.transports().forEach((name, share) -> {
            latencyRow(html, name + " register request", share.register());
            latencyRow(html, name + " time to assigned", share.timeToAssigned());
            latencyRow(html, name + " telemetry send", share.telemetry());
        });
        html.append("</table>\n");
    }

    private static Series percentiles(String name, Histogram histogram) {
        double[] values = new double[PERCENTILES.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = histogram.getTotalCount() == 0 ? 0
                    : PERCENTILES[i] == 0 ? histogram.getMinValue() / 1000.0
                    : PERCENTILES[i] == 100 ? histogram.getMaxValue() / 1000.0
                    : histogram.getValueAtPercentile(PERCENTILES[i]) / 1000.0;
        }
        return new Series(name + " (" + histogram.getTotalCount() + ")", values);
    }

    private static String chart(String yLabel, double[] xs, String xLabel, List<Series> series, boolean percentileAxis) {
        double maxX = xs.length == 0 ? 1 : Math.max(1, xs[xs.length - 1]);
        double minX = 0;
        double maxY = 1;
        for (Series s : series) {
            for (double v : s.values()) {
                maxY = Math.max(maxY, v);
            }
        }
        maxY = niceCeiling(maxY);
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-size=\"11\" role=\"img\">", WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#fafafa\" stroke=\"#bbb\"/>",
                LEFT, TOP, plotW, plotH));
        for (int i = 0; i <= 4; i++) {
            double value = maxY * i / 4;
            double y = TOP + plotH - plotH * i / 4.0;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#e0e0e0\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>", LEFT, LEFT + plotW, y, y, LEFT - 6, y + 4, format(value)));
        }
        if (percentileAxis) {
            for (int i = 0; i < xs.length; i++) {
                double x = LEFT + plotW * (xs[i] - minX) / Math.max(1, maxX - minX);
                String label = PERCENTILES[i] == 0 ? "min" : PERCENTILES[i] == 100 ? "max"
                        : java.math.BigDecimal.valueOf(PERCENTILES[i]).stripTrailingZeros().toPlainString();
                svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>", x, TOP + plotH + 16, label));
            }
        } else {
            int ticks = (int) Math.min(10, maxX);
            for (int i = 0; i <= ticks; i++) {
                double value = maxX * i / Math.max(1, ticks);
                double x = LEFT + plotW * value / maxX;
                svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>", x, TOP + plotH + 16,
                        format(value)));
            }
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>", LEFT + plotW / 2,
                HEIGHT - 6, escape(xLabel)));
        svg.append(String.format(Locale.ROOT, "<text x=\"14\" y=\"%d\" transform=\"rotate(-90 14 %d)\" text-anchor=\"middle\">%s</text>",
                TOP + plotH / 2, TOP + plotH / 2, escape(yLabel)));
        for (int s = 0; s < series.size(); s++) {
            Series one = series.get(s);
            String color = COLORS[(series.size() == FleetReport.PHASES.size() ? s : s + 1) % COLORS.length];
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < one.values().length && i < xs.length; i++) {
                double x = LEFT + plotW * (xs[i] - minX) / Math.max(1e-9, maxX - minX);
                double y = TOP + plotH - plotH * one.values()[i] / maxY;
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            }
            svg.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(color).append("\" points=\"")
                    .append(points.toString().strip()).append("\"><title>").append(escape(one.name())).append("</title></polyline>");
            if (xs.length <= 12) {
                for (int i = 0; i < one.values().length && i < xs.length; i++) {
                    double x = LEFT + plotW * (xs[i] - minX) / Math.max(1e-9, maxX - minX);
                    double y = TOP + plotH - plotH * one.values()[i] / maxY;
                    svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"><title>%s: %s</title></circle>",
                            x, y, color, escape(one.name()), format(one.values()[i])));
                }
            }
            int legendY = TOP + 14 + 18 * s;
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>"
                    + "<text x=\"%d\" y=\"%d\">%s</text>", LEFT + plotW + 12, legendY - 10, color, LEFT + plotW + 30, legendY,
                    escape(one.name())));
        }
        return svg.append("</svg>\n").toString();
    }

    private static double niceCeiling(double value) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (value <= step * magnitude) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String format(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e12) {
            return Long.toString((long) value);
        }
        return String.format(Locale.ROOT, Math.abs(value) >= 10 ? "%.1f" : "%.2f", value);
    }

    private static void row(StringBuilder html, String name, Object value) {
        html.append("<tr><td>").append(escape(name)).append("</td><td>").append(escape(String.valueOf(value))).append("</td></tr>");
    }

    private static void latencyRow(StringBuilder html, String name, Histogram histogram) {
        html.append("<tr><td>").append(escape(name)).append("</td><td>").append(histogram.getTotalCount()).append("</td>");
        for (double value : new double[] {FleetReport.millis(histogram, 50), FleetReport.millis(histogram, 90),
                FleetReport.millis(histogram, 99), histogram.getTotalCount() == 0 ? 0 : histogram.getMaxValue() / 1000.0}) {
            html.append("<td>").append(String.format(Locale.ROOT, "%.2f", value)).append("</td>");
        }
        html.append("</tr>");
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
