package dev.dpsrig.emulator.fleet;

import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * The end-of-run table for a terminal: the whole run, each transport's share of it, each endpoint's results, then each
 * threshold with a tick or a cross and the verdict.
 */
public final class SummaryTable {
    private SummaryTable() {
    }

    public static String render(FleetReport report) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "fleet summary: %d devices (shards %s) in %.1f s%n", report.devices(),
                String.join(", ", report.shards()), report.seconds()));
        out.append(String.format(Locale.ROOT, "  %-26s %s%n", "by status", report.byStatus()));
        out.append(String.format(Locale.ROOT, "  %-26s %.1f%n", "registrations/s", report.registrationsPerSecond()));
        out.append(String.format(Locale.ROOT, "  %-26s sent %d, acknowledged %d, failed %d%n", "telemetry", report.sent(),
                report.acknowledged(), report.failed()));
        out.append(String.format(Locale.ROOT, "  %-26s %.1f%n", "messages/s", report.messagesPerSecond()));
        out.append(String.format(Locale.ROOT, "  %-26s %d %s%n", "errors", report.errorCount(), report.errors().isEmpty() ? ""
                : report.errors().toString()));
        out.append(String.format(Locale.ROOT, "  %-26s %8s %9s %9s %9s %9s%n", "latency (ms)", "count", "p50", "p90", "p99", "max"));
        line(out, "register request", report.register());
        line(out, "time to assigned", report.timeToAssigned());
        line(out, "telemetry send", report.telemetry());
        if (!report.transports().isEmpty()) {
            out.append(String.format(Locale.ROOT, "  %-26s %8s %9s %9s %9s %9s %9s%n", "by transport", "devices", "assigned", "sent",
                    "accepted", "failed", "errors"));
            report.transports().forEach((name, share) -> out.append(String.format(Locale.ROOT, "  %-26s %8d %9d %9d %9d %9d %9d%s%n",
                    "  " + name, share.devices(), share.assigned(), share.sent(), share.acknowledged(), share.failed(), share.errorCount(),
                    share.errors().isEmpty() ? "" : " " + share.errors())));
            out.append(String.format(Locale.ROOT, "  %-26s %8s %9s %9s %9s %9s%n", "latency by transport (ms)", "count", "p50", "p90",
                    "p99", "max"));
            report.transports().forEach((name, share) -> {
                line(out, "  " + name + " register", share.register());
                line(out, "  " + name + " to assigned", share.timeToAssigned());
                line(out, "  " + name + " telemetry", share.telemetry());
            });
        }
        if (!report.requests().endpoints().isEmpty()) {
            out.append(String.format(Locale.ROOT, "  %-26s %8s %9s  %s%n", "by endpoint", "requests", "retries", "results"));
            report.requests().endpoints().forEach((name, stats) -> out.append(String.format(Locale.ROOT, "  %-26s %8d %9d  %s%n",
                    "  " + name, stats.total(), stats.retries(), stats.results())));
        }
        FleetReport.Memory m = report.memory();
        out.append(String.format(Locale.ROOT, "  %-26s %d bytes live heap per device in flight (peak %d in flight, live heap %.1f MB -> %.1f MB),"
                        + " %d platform threads at peak, %d virtual threads%n", "memory", m.bytesPerDeviceInFlight(),
                m.devicesInFlightPeak(), m.heapBeforeBytes() / 1e6, m.heapPeakBytes() / 1e6, m.platformThreadsPeak(),
                m.virtualThreadsStarted()));
        report.thresholdResults().forEach(result -> out.append("  ").append(result.line()).append(System.lineSeparator()));
        FleetReport.Verdict verdict = report.verdict();
        out.append(verdict.word()).append(verdict.reasons().isEmpty() ? "" : ": " + String.join("; ", verdict.reasons()))
                .append(System.lineSeparator());
        return out.toString();
    }

    private static void line(StringBuilder out, String name, Histogram h) {
        out.append(String.format(Locale.ROOT, "  %-26s %8d %9.2f %9.2f %9.2f %9.2f%n", name, h.getTotalCount(),
                FleetReport.millis(h, 50), FleetReport.millis(h, 90), FleetReport.millis(h, 99),
                h.getTotalCount() == 0 ? 0 : h.getMaxValue() / 1000.0));
    }
}
