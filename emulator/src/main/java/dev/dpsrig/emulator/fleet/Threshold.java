package dev.dpsrig.emulator.fleet;

import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.function.DoublePredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * A pass/fail criterion on a fleet run, as k6 words them: {@code AGGREGATE(METRIC) OP VALUE}, e.g.
 * {@code p99(register)<2s}, {@code rate(errors)<0.01}, {@code count(failed)==0}. See {@link #USAGE}.
 *
 * @param expression the text as given, spaces removed
 * @param limit      milliseconds for latencies, a plain number for rates and counts
 */
public record Threshold(String expression, String aggregate, String metric, String op, double limit) {
    /** The grammar, for a usage error. */
    public static final String USAGE = "a threshold is AGGREGATE(METRIC) OP VALUE: p50|p75|p90|p95|p99|p99.9|min|max|avg"
            + "(register|poll|time-to-assigned|telemetry) with a duration (250ms, 2s, 1m; a bare number is ms),"
            + " or rate|count(errors|failed|retries) with a number; OP is <, <=, >, >=, == or !=;"
            + " e.g. 'p99(register)<2s', 'rate(errors)<0.01', 'count(failed)==0'";
    private static final Pattern FORM = Pattern.compile("([a-z]+[0-9.]*)\\(([a-z-]+)\\)(<=|>=|==|!=|<|>)([0-9.]+)(ms|s|m)?");
    private static final Pattern PERCENTILE = Pattern.compile("p(\\d{1,2}(\\.\\d+)?)");
    private static final List<String> LATENCIES = List.of("register", "poll", "time-to-assigned", "telemetry");
    private static final List<String> TALLIES = List.of("errors", "failed", "retries");

    /**
     * What a threshold measured on a report, and whether it held.
     *
     * @param measured empty when the metric has no samples (which fails the threshold)
     */
    public record Result(Threshold threshold, OptionalDouble measured, boolean passed) {
        /** One line, k6's way: a tick or a cross, the expression, what was measured. */
        public String line() {
            return (passed ? "✓ " : "✗ ") + threshold.expression() + "  measured " + measuredText();
        }

        public String measuredText() {
            if (measured.isEmpty()) {
                return "nothing (no samples)";
            }
            String number = String.format(Locale.ROOT, "%.4f", measured.getAsDouble()).replaceFirst("\\.?0+$", "");
            return threshold.isLatency() ? number + " ms" : number;
        }
    }

    /** Reads {@code text}; a bad expression is an {@link IllegalArgumentException} naming it and giving the grammar. */
    public static Threshold parse(String text) {
        String compact = text.replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
        Matcher form = FORM.matcher(compact);
        if (!form.matches()) {
            throw new IllegalArgumentException("bad threshold '" + text + "': " + USAGE);
        }
        String aggregate = form.group(1);
        String metric = form.group(2);
        boolean latency = LATENCIES.contains(metric);
        boolean known = latency ? aggregate.equals("min") || aggregate.equals("max") || aggregate.equals("avg")
                || PERCENTILE.matcher(aggregate).matches() && Double.parseDouble(aggregate.substring(1)) <= 100
                : TALLIES.contains(metric) && (aggregate.equals("rate") || aggregate.equals("count"));
        if (!known || !latency && form.group(5) != null) {
            throw new IllegalArgumentException("bad threshold '" + text + "': " + aggregate + "(" + metric + ")"
                    + (known ? " is not a latency; no unit" : " is not a metric") + "; " + USAGE);
        }
        double value;
        try {
            value = Double.parseDouble(form.group(4));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad threshold '" + text + "': '" + form.group(4) + "' is not a number; " + USAGE, e);
        }
        double scale = form.group(5) == null || form.group(5).equals("ms") ? 1 : form.group(5).equals("s") ? 1000 : 60_000;
        return new Threshold(compact, aggregate, metric, form.group(3), value * scale);
    }

    /** Whether this threshold is on a latency (in milliseconds). */
    public boolean isLatency() {
        return LATENCIES.contains(metric);
    }

    /** What {@code report} measured for this threshold, and whether it held. */
    public Result evaluate(FleetReport report) {
        OptionalDouble measured = isLatency() ? latency(histogram(report)) : OptionalDouble.of(tally(report));
        return new Result(this, measured, measured.isPresent() && comparison().test(measured.getAsDouble()));
    }

    private Histogram histogram(FleetReport report) {
        return switch (metric) {
            case "register" -> report.register();
            case "poll" -> report.requests().poll();
            case "time-to-assigned" -> report.timeToAssigned();
            default -> report.telemetry();
        };
    }

    private OptionalDouble latency(Histogram histogram) {
        if (histogram.getTotalCount() == 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(switch (aggregate) {
            case "min" -> histogram.getMinValue() / 1000.0;
            case "max" -> histogram.getMaxValue() / 1000.0;
            case "avg" -> histogram.getMean() / 1000.0;
            default -> histogram.getValueAtPercentile(Double.parseDouble(aggregate.substring(1))) / 1000.0;
        });
    }

    private double tally(FleetReport report) {
        double count = switch (metric) {
            case "errors" -> report.errorCount();
            case "failed" -> report.failedCount();
            default -> report.requests().retries();
        };
        if (aggregate.equals("count")) {
            return count;
        }
        long requests = metric.equals("retries") ? report.requests().endpoints().values().stream().mapToLong(EndpointStats::total).sum()
                : report.devices() + report.sent();
        return requests == 0 ? 0 : count / requests;
    }

    private DoublePredicate comparison() {
        return switch (op) {
            case "<" -> v -> v < limit;
            case "<=" -> v -> v <= limit;
            case ">" -> v -> v > limit;
            case ">=" -> v -> v >= limit;
            case "==" -> v -> v == limit;
            default -> v -> v != limit;
        };
    }
}
