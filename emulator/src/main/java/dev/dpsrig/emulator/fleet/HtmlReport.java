package dev.dpsrig.emulator.fleet;

import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * {@code report.html}: one self-contained page (inline SVG and CSS, no scripts, nothing fetched). At the top, when the
 * run started, its verdict and thresholds, and its spec; then the summary, requests by phase (OK/KO, as Gatling tables
 * them), results and retries by endpoint, errors with sample messages, each transport's share, and the charts of
 * {@link ReportCharts}.
 */
public final class HtmlReport {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private HtmlReport() {
    }

    public static String render(FleetReport report) {
        StringBuilder html = new StringBuilder(64_000);
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>dpsrig fleet report</title>\n<style>")
                .append("body{font-family:system-ui,sans-serif;margin:2em auto;padding:0 2em;color:#222;max-width:1200px}")
                .append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 10px;text-align:right}")
                .append("th{background:#f4f4f4}td:first-child,th:first-child{text-align:left}td.text{text-align:left}")
                .append("svg{display:block;margin:1em 0;width:100%;height:auto}")
                .append(".verdict{padding:.6em 1em;border-radius:4px;font-size:1.1em}.passed{background:#e8f5e9;border:1px solid #43a047}")
                .append(".failed{background:#ffebee;border:1px solid #e53935}.ok{color:#2e7d32}.ko{color:#c62828}")
                .append(".spec{columns:2 24em}.spec div{break-inside:avoid;padding:1px 0}.spec code{word-break:break-all}")
                .append("</style></head><body>\n<h1>dpsrig fleet report</h1>\n");
        html.append("<p>").append(report.startedAt().map(WHEN::format).map(at -> "Started " + at + " · ").orElse(""))
                .append(report.devices()).append(" devices · shards ").append(escape(String.join(", ", report.shards())))
                .append(String.format(Locale.ROOT, " · %.1f s", report.seconds())).append("</p>\n");
        verdict(html, report);
        spec(html, report);
        summary(html, report);
        requestTable(html, report);
        endpoints(html, report);
        errors(html, report);
        if (!report.transports().isEmpty()) {
            transports(html, report);
        }
        html.append(ReportCharts.render(report));
        html.append("</body></html>\n");
        return html.toString();
    }

    private static void verdict(StringBuilder html, FleetReport report) {
        FleetReport.Verdict verdict = report.verdict();
        html.append("<div class=\"verdict ").append(verdict.passed() ? "passed" : "failed").append("\"><strong>").append(verdict.word())
                .append("</strong>");
        verdict.reasons().forEach(reason -> html.append("<br>").append(escape(reason)));
        html.append("</div>\n");
        List<Threshold.Result> thresholds = report.thresholdResults();
        if (!thresholds.isEmpty()) {
            html.append("<h2>Thresholds</h2>\n<table><tr><th></th><th>threshold</th><th>measured</th></tr>");
            for (Threshold.Result result : thresholds) {
                html.append("<tr><td class=\"").append(result.passed() ? "ok\">✓" : "ko\">✗").append("</td><td class=\"text\"><code>")
                        .append(escape(result.threshold().expression())).append("</code></td><td>").append(escape(result.measuredText()))
                        .append("</td></tr>");
            }
            html.append("</table>\n");
        }
    }

    private static void spec(StringBuilder html, FleetReport report) {
        report.spec().ifPresent(spec -> {
            html.append("<h2>Spec</h2>\n<div class=\"spec\">");
            for (Map.Entry<String, JsonValue> entry : spec.entrySet()) {
                String value = entry.getValue() instanceof JsonString text ? text.getString() : entry.getValue().toString();
                html.append("<div><strong>").append(escape(entry.getKey())).append("</strong>: <code>").append(escape(value))
                        .append("</code></div>");
            }
            html.append("</div>\n");
        });
    }

    private static void summary(StringBuilder html, FleetReport report) {
        html.append("<h2>Summary</h2>\n<table><tr><th>Figure</th><th>Value</th></tr>");
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
        row(html, "retries", report.requests().retries());
        row(html, "heap per device in flight", report.memory().bytesPerDeviceInFlight() + " bytes (peak "
                + report.memory().devicesInFlightPeak() + " in flight)");
        row(html, "platform threads (peak)", report.memory().platformThreadsPeak());
        html.append("</table>\n<h2>Latency (ms)</h2>\n<table><tr><th></th><th>count</th><th>p50</th><th>p90</th><th>p99</th>"
                + "<th>max</th></tr>");
        latencyRow(html, "register request", report.register());
        latencyRow(html, "time to assigned", report.timeToAssigned());
        latencyRow(html, "telemetry send", report.telemetry());
        html.append("</table>\n");
    }

    private static void requestTable(StringBuilder html, FleetReport report) {
        html.append("<h2>Requests by phase</h2>\n<table><tr><th>phase</th><th>total</th><th>OK</th><th>KO</th><th>% KO</th>"
                + "<th>min ms</th><th>p50</th><th>p75</th><th>p95</th><th>p99</th><th>max</th><th>mean</th><th>req/s</th></tr>");
        for (RequestTable.Row row : RequestTable.of(report)) {
            html.append("<tr><td>").append(escape(row.phase())).append("</td><td>").append(row.total()).append("</td><td class=\"ok\">")
                    .append(row.ok()).append("</td><td class=\"ko\">").append(row.ko()).append("</td>");
            for (double value : new double[] {row.koPercent(), row.min(), row.p50(), row.p75(), row.p95(), row.p99(), row.max(),
                    row.mean(), row.perSecond()}) {
                html.append("<td>").append(String.format(Locale.ROOT, "%.2f", value)).append("</td>");
            }
            html.append("</tr>");
        }
        html.append("</table>\n");
    }

    private static void endpoints(StringBuilder html, FleetReport report) {
        if (report.requests().endpoints().isEmpty()) {
            return;
        }
        html.append("<h2>Results by endpoint</h2>\n<table><tr><th>endpoint</th><th>requests</th><th>retries</th>"
                + "<th style=\"text-align:left\">results</th></tr>");
        report.requests().endpoints().forEach((name, stats) -> {
            html.append("<tr><td>").append(escape(name)).append("</td><td>").append(stats.total()).append("</td><td>")
                    .append(stats.retries()).append("</td><td class=\"text\">");
            stats.results().forEach((result, count) -> html.append("<span class=\"").append(EndpointStats.isOk(result) ? "ok" : "ko")
                    .append("\">").append(escape(result)).append("</span>: ").append(count).append(" &nbsp; "));
            html.append("</td></tr>");
        });
        html.append("</table>\n");
    }

    private static void errors(StringBuilder html, FleetReport report) {
        if (report.errors().isEmpty()) {
            return;
        }
        html.append("<h2>Errors</h2>\n<table><tr><th>code</th><th>count</th><th style=\"text-align:left\">sample messages</th></tr>");
        report.errors().forEach((code, count) -> {
            html.append("<tr><td>").append(escape(code)).append("</td><td>").append(count).append("</td><td class=\"text\">");
            report.requests().errorSamples().getOrDefault(code, List.of())
                    .forEach(message -> html.append(escape(message)).append("<br>"));
            html.append("</td></tr>");
        });
        html.append("</table>\n");
    }

    private static void transports(StringBuilder html, FleetReport report) {
        html.append("<h2>By transport</h2>\n<table><tr><th>transport</th><th>devices</th><th>assigned</th><th>messages sent</th>"
                + "<th>messages acknowledged</th><th>messages failed</th><th>errors</th><th style=\"text-align:left\">by code</th></tr>");
        report.transports().forEach((name, share) -> {
            html.append("<tr><td>").append(escape(name)).append("</td>");
            for (long value : new long[] {share.devices(), share.assigned(), share.sent(), share.acknowledged(), share.failed()}) {
                html.append("<td>").append(value).append("</td>");
            }
            html.append("<td>").append(share.errorCount()).append("</td><td class=\"text\">");
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
