package io.workflow.perf.report.writer;

import java.util.List;
import java.util.Locale;

import io.workflow.perf.model.LatencySummary;
import io.workflow.perf.report.document.BarChart;
import io.workflow.perf.report.document.BarChart.Series;
import io.workflow.perf.report.document.LineChart;
import io.workflow.perf.report.document.LineChart.Line;
import io.workflow.perf.report.document.LineChart.Point;
import io.workflow.perf.report.document.Unit;

/** The HTML writer's charts, inline SVG: grouped columns, grouped horizontal bars, and lines. */
final class SvgChart {

    static final String[] PALETTE = {"#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#9c755f"};

    private static final int WIDTH = 820;
    private static final int LEFT = 80;
    private static final int RIGHT = 20;
    private static final int TOP = 48;

    private SvgChart() {
    }

    static String bars(BarChart chart) {
        return chart.vertical() ? columns(chart.title(), chart.labels(), chart.series(), chart.unit(), chart.max())
                : hbars(chart.title(), chart.labels(), chart.series(), chart.unit(), chart.max());
    }

    private static String columns(String title, List<String> labels, List<Series> series, Unit format, double largest) {
        int height = 320;
        int bottom = 70;
        double plotWidth = WIDTH - LEFT - RIGHT;
        double plotHeight = height - TOP - bottom;
        double max = niceCeiling(largest);
        StringBuilder svg = open(title, height);
        yAxis(svg, max, plotHeight, format, WIDTH - RIGHT);
        double group = plotWidth / Math.max(1, labels.size());
        double bar = group * 0.8 / Math.max(1, series.size());
        int labelEvery = Math.max(1, (labels.size() + 9) / 10);
        for (int i = 0; i < labels.size(); i++) {
            for (int s = 0; s < series.size(); s++) {
                Double value = series.get(s).values().get(i);
                if (value == null) {
                    continue;
                }
                double h = max == 0 ? 0 : plotHeight * value / max;
                double x = LEFT + i * group + group * 0.1 + s * bar;
                svg.append(String.format(Locale.ROOT,
                        "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s %s: %s</title></rect>%n",
                        x, TOP + plotHeight - h, Math.max(0.5, bar - 1), h, PALETTE[s % PALETTE.length],
                        Markup.escape(series.get(s).name()), Markup.escape(labels.get(i)), Markup.escape(format.format(value))));
            }
            if (i % labelEvery == 0) {
                svg.append(String.format(Locale.ROOT,
                        "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" text-anchor=\"end\" transform=\"rotate(-35 %.1f %.1f)\">%s</text>%n",
                        LEFT + i * group + group / 2, TOP + plotHeight + 14, LEFT + i * group + group / 2, TOP + plotHeight + 14,
                        Markup.escape(labels.get(i))));
            }
        }
        legend(svg, series.stream().map(Series::name).toList());
        return svg.append("</svg>\n").toString();
    }

    private static String hbars(String title, List<String> labels, List<Series> series, Unit format, double max) {
        int labelWidth = 200;
        int barHeight = 14;
        int groupHeight = barHeight * series.size() + 10;
        int height = TOP + groupHeight * labels.size() + 30;
        double plotWidth = WIDTH - labelWidth - RIGHT - 90;
        StringBuilder svg = open(title, height);
        for (int i = 0; i < labels.size(); i++) {
            double groupTop = TOP + i * groupHeight;
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">%s</text>%n",
                    labelWidth - 8, groupTop + groupHeight / 2.0, Markup.escape(labels.get(i))));
            for (int s = 0; s < series.size(); s++) {
                Double value = series.get(s).values().get(i);
                String text = value == null ? "n/a" : format.format(value);
                double w = max == 0 || value == null ? 0 : plotWidth * value / max;
                double y = groupTop + s * barHeight;
                svg.append(String.format(Locale.ROOT,
                        "<rect x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>%s: %s</title></rect>%n",
                        labelWidth, y, w, barHeight - 2, PALETTE[s % PALETTE.length], Markup.escape(series.get(s).name()),
                        Markup.escape(text)));
                svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\">%s</text>%n",
                        labelWidth + w + 4, y + barHeight - 4, Markup.escape(text)));
            }
        }
        legend(svg, series.stream().map(Series::name).toList());
        return svg.append("</svg>\n").toString();
    }

    static String lines(LineChart chart) {
        List<Line> lines = chart.lines();
        List<String> xCategories = chart.xCategories();
        Unit yFormat = chart.yUnit();
        int height = 320;
        int bottom = 60;
        double plotWidth = WIDTH - LEFT - RIGHT;
        double plotHeight = height - TOP - bottom;
        double minX = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = 0;
        for (Line line : lines) {
            for (Point p : line.points()) {
                minX = Math.min(minX, p.x());
                maxX = Math.max(maxX, p.x());
                maxY = Math.max(maxY, p.y());
            }
        }
        if (minX > maxX) {
            minX = 0;
            maxX = 1;
        }
        minX = Math.min(0, minX); // time and user counts read best from zero
        if (xCategories != null) {
            minX = 0;
            maxX = Math.max(1, xCategories.size() - 1);
        }
        double spanX = maxX - minX == 0 ? 1 : maxX - minX;
        double top = niceCeiling(maxY);
        StringBuilder svg = open(chart.title(), height);
        yAxis(svg, top, plotHeight, yFormat, WIDTH - RIGHT);
        int ticks = xCategories != null ? xCategories.size() : 6;
        for (int i = 0; i < ticks; i++) {
            double x = xCategories != null ? i : minX + spanX * i / (ticks - 1);
            double px = LEFT + plotWidth * (x - minX) / spanX;
            String label = chart.xLabel(x);
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" text-anchor=\"middle\">%s</text>%n",
                    px, TOP + plotHeight + 14, Markup.escape(label)));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%s</text>%n",
                LEFT + plotWidth / 2, height - 12, Markup.escape(chart.xTitle())));
        for (int l = 0; l < lines.size(); l++) {
            String color = PALETTE[l % PALETTE.length];
            StringBuilder points = new StringBuilder();
            for (Point p : lines.get(l).points()) {
                double px = LEFT + plotWidth * (p.x() - minX) / spanX;
                double py = TOP + plotHeight - (top == 0 ? 0 : plotHeight * p.y() / top);
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, py));
                svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"%s\"><title>%s: %s</title></circle>%n",
                        px, py, color, Markup.escape(lines.get(l).name()), Markup.escape(yFormat.format(p.y()))));
            }
            svg.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n",
                    color, points.toString().trim()));
        }
        legend(svg, lines.stream().map(Line::name).toList());
        return svg.append("</svg>\n").toString();
    }

    private static StringBuilder open(String title, int height) {
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" font-family=\"sans-serif\">%n",
                WIDTH, height, WIDTH, height));
        svg.append("<title>").append(Markup.escape(title)).append("</title>\n");
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"20\" font-size=\"14\" font-weight=\"bold\">%s</text>%n",
                LEFT, Markup.escape(title)));
        return svg;
    }

    private static void yAxis(StringBuilder svg, double max, double plotHeight, Unit format, int right) {
        for (int i = 0; i <= 4; i++) {
            double value = max * i / 4;
            double y = TOP + plotHeight - plotHeight * i / 4;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n",
                    LEFT, y, right, y));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"10\" text-anchor=\"end\">%s</text>%n",
                    LEFT - 6, y + 3, Markup.escape(format.format(value))));
        }
    }

    /** A row of swatches under the title, above the plot. */
    private static void legend(StringBuilder svg, List<String> names) {
        int x = LEFT;
        for (int i = 0; i < names.size(); i++) {
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"26\" width=\"10\" height=\"10\" fill=\"%s\"/>%n",
                    x, PALETTE[i % PALETTE.length]));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"35\" font-size=\"11\">%s</text>%n",
                    x + 14, Markup.escape(names.get(i))));
            x += 24 + 7 * names.get(i).length();
        }
    }

    /** A round axis top at or above {@code value}. */
    static double niceCeiling(double value) {
        return value <= 0 ? 1 : LatencySummary.roundUp(value);
    }
}
