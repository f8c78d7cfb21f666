package dev.dpsrig.emulator.fleet;

import dev.dpsrig.emulator.fleet.RequestResult.Step;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * A fleet run's requests by phase, as Gatling tables them: for register requests, operation-status polls, telemetry
 * sends, and whole registrations (time to assigned), how many there were, how many succeeded (OK) and failed (KO), the
 * latency of those answered, and requests per second over the run.
 */
public final class RequestTable {
    private RequestTable() {
    }

    /**
     * One phase's line; latencies in milliseconds.
     *
     * @param ko requests that got an error status, a refusal or no answer (for registrations: devices not assigned)
     */
    public record Row(String phase, long total, long ok, long ko, double koPercent, double min, double p50, double p75, double p95,
                      double p99, double max, double mean, double perSecond) {
    }

    /** The rows of {@code report}: register, operation-status, telemetry, time to assigned. */
    public static List<Row> of(FleetReport report) {
        long notStarted = report.byStatus().getOrDefault("not-started", 0L);
        long assigned = report.assigned();
        return List.of(row(report, Step.REGISTER, report.register()), row(report, Step.OPERATION_STATUS, report.requests().poll()),
                row(report, Step.TELEMETRY, report.telemetry()),
                row("time-to-assigned", assigned, report.devices() - notStarted - assigned, report.timeToAssigned(), report.seconds()));
    }

    private static Row row(FleetReport report, Step step, Histogram latency) {
        long ok = 0;
        long total = 0;
        for (var endpoint : report.requests().endpoints().entrySet()) {
            if (Step.of(endpoint.getKey()) == step) {
                ok += endpoint.getValue().ok();
                total += endpoint.getValue().total();
            }
        }
        return row(step.word, ok, total - ok, latency, report.seconds());
    }

    private static Row row(String phase, long ok, long ko, Histogram h, double seconds) {
        long total = ok + ko;
        boolean none = h.getTotalCount() == 0;
        return new Row(phase, total, ok, ko, total == 0 ? 0 : FleetReport.round(100.0 * ko / total),
                none ? 0 : h.getMinValue() / 1000.0, FleetReport.millis(h, 50), FleetReport.millis(h, 75), FleetReport.millis(h, 95),
                FleetReport.millis(h, 99), none ? 0 : h.getMaxValue() / 1000.0, none ? 0 : FleetReport.round(h.getMean() / 1000.0),
                seconds <= 0 ? 0 : FleetReport.round(total / seconds));
    }
}
