package io.workflow.perf.report;

/** Bars drawn with block characters for the Markdown and console reports. */
final class AsciiChart {

    private AsciiChart() {
    }

    /** {@code value} as a bar of up to {@code width} full blocks, scaled to {@code max}; any non-zero value shows. */
    static String bar(double value, double max, int width) {
        if (max <= 0 || value <= 0) {
            return "";
        }
        int blocks = (int) Math.round(width * Math.min(1, value / max));
        return "█".repeat(Math.max(1, blocks));
    }

    /** A bar padded with light shade to {@code width}, e.g. a success rate. */
    static String gauge(double value, double max, int width) {
        String bar = bar(value, max, width);
        return bar + "░".repeat(Math.max(0, width - bar.length()));
    }
}
