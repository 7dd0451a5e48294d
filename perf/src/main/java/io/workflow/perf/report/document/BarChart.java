package io.workflow.perf.report.document;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Bars: for each label one bar per series, scaled to the largest value. {@code vertical} draws columns where the
 * medium allows (a histogram); a null value has no bar and reads {@code n/a}.
 */
public record BarChart(String title, List<String> labels, List<Series> series, Unit unit, boolean vertical) implements Block {

    public record Series(String name, List<Double> values) {

        public Series {
            values = Collections.unmodifiableList(new ArrayList<>(values)); // a null value is a missing figure
        }
    }

    public BarChart {
        labels = List.copyOf(labels);
        series = List.copyOf(series);
        for (Series s : series) {
            if (s.values().size() != labels.size()) {
                throw new IllegalArgumentException("series " + s.name() + " has " + s.values().size() + " values for "
                        + labels.size() + " labels");
            }
        }
    }

    public static BarChart horizontal(String title, List<String> labels, List<Series> series, Unit unit) {
        return new BarChart(title, labels, series, unit, false);
    }

    /** The largest value of any series, 0 when there is none. */
    public double max() {
        return series.stream().flatMap(s -> s.values().stream()).filter(Objects::nonNull)
                .mapToDouble(Double::doubleValue).max().orElse(0);
    }
}
