package dev.dpsrig.emulator.fleet;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Inline SVG charts for {@code report.html}: lines over an axis and grouped bars over labelled bins. Each scales to the
 * page's width (a viewBox, {@code width: 100%}); its legend sits under the plot and wraps into as many rows as its labels
 * need, so no label is clipped. A value that is not a number leaves a gap in its line (a second without samples); a point
 * with gaps on both sides is drawn as a dot.
 */
final class SvgChart {
    static final String[] COLORS = {"#9e9e9e", "#1e88e5", "#fb8c00", "#43a047", "#e53935", "#8e24aa", "#00897b"};
    private static final int WIDTH = 1000;
    private static final int PLOT_HEIGHT = 240;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 16;
    private static final int AXIS = 44;
    private static final int LEGEND_ROW = 20;
    private static final double CHAR_WIDTH = 7.2;

    private SvgChart() {
    }

    /** A named line or set of bars, with its colour. */
    record Series(String name, double[] values, String color) {
    }

    /** Lines of {@code series} over {@code xs}; {@code xLabels} (one per x) replace numeric ticks when given. */
    static String lines(String yLabel, String xLabel, double[] xs, List<String> xLabels, List<Series> series) {
        double maxX = xs.length == 0 ? 1 : Math.max(1, xs[xs.length - 1]);
        double maxY = niceCeiling(max(series));
        List<List<Series>> legend = legend(series);
        StringBuilder svg = frame(yLabel, xLabel, maxY, legend.size());
        int plotW = WIDTH - LEFT - RIGHT;
        if (xLabels.isEmpty()) {
            double step = Math.max(1, niceCeiling(maxX / 10));
            for (double value = 0; value <= maxX; value += step) {
                tick(svg, LEFT + plotW * value / maxX, format(value));
            }
        } else {
            for (int i = 0; i < xs.length; i++) {
                tick(svg, LEFT + plotW * xs[i] / maxX, xLabels.get(i));
            }
        }
        for (Series one : series) {
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < one.values().length && i < xs.length; i++) {
                double value = one.values()[i];
                if (Double.isNaN(value)) {
                    polyline(svg, one, points);
                    points.setLength(0);
                    continue;
                }
                double x = LEFT + plotW * xs[i] / maxX;
                double y = TOP + PLOT_HEIGHT - PLOT_HEIGHT * value / maxY;
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
                boolean alone = (i == 0 || Double.isNaN(one.values()[i - 1]))
                        && (i + 1 >= one.values().length || Double.isNaN(one.values()[i + 1]));
                if (xs.length <= 12 || alone) {
                    svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"><title>%s: %s</title></circle>",
                            x, y, one.color(), HtmlReport.escape(one.name()), format(value)));
                }
            }
            polyline(svg, one, points);
        }
        return finish(svg, legend);
    }

    /** Bars of each of {@code series} side by side in each of the bins named by {@code bins}. */
    static String bars(String yLabel, String xLabel, List<String> bins, List<Series> series) {
        double maxY = niceCeiling(max(series));
        List<List<Series>> legend = legend(series);
        StringBuilder svg = frame(yLabel, xLabel, maxY, legend.size());
        double binW = (double) (WIDTH - LEFT - RIGHT) / Math.max(1, bins.size());
        double barW = binW * 0.8 / Math.max(1, series.size());
        for (int b = 0; b < bins.size(); b++) {
            tick(svg, LEFT + binW * (b + 0.5), bins.get(b));
            for (int s = 0; s < series.size(); s++) {
                double value = series.get(s).values()[b];
                double height = PLOT_HEIGHT * value / maxY;
                svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\">"
                                + "<title>%s, %s: %s</title></rect>", LEFT + binW * b + binW * 0.1 + barW * s, TOP + PLOT_HEIGHT - height,
                        barW, height, series.get(s).color(), HtmlReport.escape(series.get(s).name()), HtmlReport.escape(bins.get(b)),
                        format(value)));
            }
        }
        return finish(svg, legend);
    }

    private static StringBuilder frame(String yLabel, String xLabel, double maxY, int legendRows) {
        int height = TOP + PLOT_HEIGHT + AXIS + legendRows * LEGEND_ROW + 8;
        int plotW = WIDTH - LEFT - RIGHT;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"100%%\" "
                + "font-size=\"13\" role=\"img\" aria-label=\"%s\">", WIDTH, height, HtmlReport.escape(yLabel)));
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#fafafa\" stroke=\"#bbb\"/>",
                LEFT, TOP, plotW, PLOT_HEIGHT));
        for (int i = 0; i <= 5; i++) {
            double y = TOP + PLOT_HEIGHT - PLOT_HEIGHT * i / 5.0;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#e0e0e0\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>", LEFT, LEFT + plotW, y, y, LEFT - 6, y + 4,
                    format(maxY * i / 5)));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>", LEFT + plotW / 2,
                TOP + PLOT_HEIGHT + 36, HtmlReport.escape(xLabel)));
        svg.append(String.format(Locale.ROOT, "<text x=\"16\" y=\"%d\" transform=\"rotate(-90 16 %d)\" text-anchor=\"middle\">%s</text>",
                TOP + PLOT_HEIGHT / 2, TOP + PLOT_HEIGHT / 2, HtmlReport.escape(yLabel)));
        return svg;
    }

    private static void tick(StringBuilder svg, double x, String label) {
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>", x, TOP + PLOT_HEIGHT + 18,
                HtmlReport.escape(label)));
    }

    private static void polyline(StringBuilder svg, Series one, StringBuilder points) {
        if (!points.isEmpty()) {
            svg.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(one.color()).append("\" points=\"")
                    .append(points.toString().strip()).append("\"><title>").append(HtmlReport.escape(one.name())).append("</title></polyline>");
        }
    }

    /** The legend's rows: each the series whose names fit the width side by side. */
    private static List<List<Series>> legend(List<Series> series) {
        List<List<Series>> rows = new ArrayList<>();
        List<Series> row = new ArrayList<>();
        double used = 0;
        for (Series one : series) {
            double width = itemWidth(one.name());
            if (!row.isEmpty() && used + width > WIDTH - LEFT - RIGHT) {
                rows.add(row);
                row = new ArrayList<>();
                used = 0;
            }
            row.add(one);
            used += width;
        }
        if (!row.isEmpty()) {
            rows.add(row);
        }
        return rows;
    }

    private static String finish(StringBuilder svg, List<List<Series>> legend) {
        for (int r = 0; r < legend.size(); r++) {
            double x = LEFT;
            int y = TOP + PLOT_HEIGHT + AXIS + r * LEGEND_ROW;
            for (Series one : legend.get(r)) {
                svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>"
                        + "<text x=\"%.1f\" y=\"%d\">%s</text>", x, y + 2, one.color(), x + 18, y + 12, HtmlReport.escape(one.name())));
                x += itemWidth(one.name());
            }
        }
        return svg.append("</svg>\n").toString();
    }

    private static double itemWidth(String name) {
        return 18 + name.length() * CHAR_WIDTH + 24;
    }

    private static double max(List<Series> series) {
        double max = 1;
        for (Series s : series) {
            for (double v : s.values()) {
                max = Double.isNaN(v) ? max : Math.max(max, v);
            }
        }
        return max;
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

    static String format(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e12) {
            return Long.toString((long) value);
        }
        return String.format(Locale.ROOT, Math.abs(value) >= 10 ? "%.1f" : "%.2f", value);
    }
}
