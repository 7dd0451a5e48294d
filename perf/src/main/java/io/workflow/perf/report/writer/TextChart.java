package io.workflow.perf.report.writer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.workflow.perf.report.document.BarChart;
import io.workflow.perf.report.document.LineChart;
import io.workflow.perf.report.document.LineChart.Line;
import io.workflow.perf.report.document.LineChart.Point;

/** Charts in block characters, for the Markdown and console writers: bars as rows, lines as sparklines. */
final class TextChart {

    private static final int BAR = 40;
    private static final int SPARKLINE = 60;
    private static final String LEVELS = "▁▂▃▄▅▆▇█";

    private TextChart() {
    }

    /** One row per label and series: label, series, value, and a bar scaled to the chart's largest value. */
    static String bars(BarChart chart) {
        boolean named = chart.series().size() > 1;
        int labelWidth = chart.labels().stream().mapToInt(String::length).max().orElse(0);
        int nameWidth = named ? chart.series().stream().mapToInt(s -> s.name().length()).max().orElse(0) : 0;
        List<List<String>> values = new ArrayList<>();
        int valueWidth = 0;
        for (BarChart.Series series : chart.series()) {
            List<String> texts = series.values().stream().map(v -> v == null ? "n/a" : chart.unit().format(v)).toList();
            valueWidth = Math.max(valueWidth, texts.stream().mapToInt(String::length).max().orElse(0));
            values.add(texts);
        }
        double max = chart.max();
        StringBuilder text = new StringBuilder(chart.title()).append("\n\n");
        for (int i = 0; i < chart.labels().size(); i++) {
            for (int s = 0; s < chart.series().size(); s++) {
                Double value = chart.series().get(s).values().get(i);
                String line = "  " + pad(s == 0 ? chart.labels().get(i) : "", labelWidth)
                        + (named ? "  " + pad(chart.series().get(s).name(), nameWidth) : "")
                        + "  " + padLeft(values.get(s).get(i), valueWidth) + " │" + bar(value == null ? 0 : value, max, BAR);
                text.append(line.stripTrailing()).append('\n');
            }
            if (named && i < chart.labels().size() - 1) {
                text.append('\n');
            }
        }
        return text.toString();
    }

    /** {@code value} as up to {@code width} full blocks, scaled to {@code max}; any value above zero shows. */
    static String bar(double value, double max, int width) {
        if (max <= 0 || value <= 0) {
            return "";
        }
        int blocks = (int) Math.round(width * Math.min(1, value / max));
        return "█".repeat(Math.max(1, blocks));
    }

    /** One sparkline per line, all on the chart's scale, with the x range and the peak. */
    static String lines(LineChart chart) {
        double max = chart.lines().stream().flatMap(l -> l.points().stream()).mapToDouble(Point::y).max().orElse(0);
        int nameWidth = chart.lines().stream().mapToInt(l -> l.name().length()).max().orElse(0);
        StringBuilder text = new StringBuilder(chart.title()).append(" — by ").append(chart.xTitle()).append("\n\n");
        for (Line line : chart.lines()) {
            text.append("  ").append(pad(line.name(), nameWidth)).append("  ");
            List<Point> points = line.points();
            if (points.isEmpty()) {
                text.append("no points\n");
                continue;
            }
            Point peak = points.stream().max((a, b) -> Double.compare(a.y(), b.y())).orElseThrow();
            text.append(sparkline(points, max)).append(String.format(Locale.ROOT, "  %s … %s, peak %s at %s%n",
                    chart.xLabel(points.getFirst().x()), chart.xLabel(points.getLast().x()), chart.yUnit().format(peak.y()),
                    chart.xLabel(peak.x())));
        }
        return text.toString();
    }

    /** At most {@value #SPARKLINE} characters, each the highest point of its share of the line. */
    private static String sparkline(List<Point> points, double max) {
        int width = Math.min(SPARKLINE, points.size());
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < width; c++) {
            int from = c * points.size() / width;
            int to = Math.max(from + 1, (c + 1) * points.size() / width);
            double y = points.subList(from, to).stream().mapToDouble(Point::y).max().orElse(0);
            int level = max <= 0 ? 0 : (int) Math.round((LEVELS.length() - 1) * Math.max(0, y) / max);
            line.append(LEVELS.charAt(level));
        }
        return line.toString();
    }

    static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }

    static String padLeft(String text, int width) {
        return " ".repeat(Math.max(0, width - text.length())) + text;
    }
}
