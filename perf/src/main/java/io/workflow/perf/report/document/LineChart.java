package io.workflow.perf.report.document;

import java.util.List;

/**
 * Lines of (x, y) points over a shared x axis; with {@code xCategories} the x values are indexes into those labels.
 */
public record LineChart(String title, String xTitle, Unit xUnit, Unit yUnit, List<Line> lines, List<String> xCategories)
        implements Block {

    public record Line(String name, List<Point> points) {

        public Line {
            points = List.copyOf(points);
        }
    }

    public record Point(double x, double y) {
    }

    public LineChart {
        lines = List.copyOf(lines);
        xCategories = xCategories == null ? null : List.copyOf(xCategories);
    }

    /** Lines over a numeric x axis. */
    public static LineChart of(String title, String xTitle, Unit xUnit, Unit yUnit, List<Line> lines) {
        return new LineChart(title, xTitle, xUnit, yUnit, lines, null);
    }

    /** The x value as a label: its category, or the x unit's format. */
    public String xLabel(double x) {
        return xCategories != null ? xCategories.get((int) Math.round(x)) : xUnit.format(x);
    }
}
