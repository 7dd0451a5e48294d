package io.workflow.perf.report.document;

import java.util.Locale;

/** How every report writes a figure, so the same number reads the same in Markdown, HTML and on the console. */
public final class Format {

    private Format() {
    }

    /** {@code 0.42ms}, {@code 48.80ms}, {@code 161.3ms}, {@code 1,076ms}. */
    public static String ms(double ms) {
        if (ms < 10) {
            return String.format(Locale.ROOT, "%.2fms", ms);
        }
        if (ms < 1000) {
            return String.format(Locale.ROOT, "%.1fms", ms);
        }
        return String.format(Locale.ROOT, "%,.0fms", ms);
    }

    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** Requests per second, e.g. {@code 4,016.8}. */
    public static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%,.1f", perSecond);
    }

    public static String percent(double percent) {
        return String.format(Locale.ROOT, "%.2f%%", percent);
    }

    public static String seconds(double seconds) {
        return String.format(Locale.ROOT, "%.2fs", seconds);
    }

    /** A multiplier, e.g. {@code 3.7×}; {@code n/a} when undefined. */
    public static String times(Double ratio) {
        return ratio == null ? "n/a" : String.format(Locale.ROOT, "%.1f×", ratio);
    }

    public static String mb(double mb) {
        return String.format(Locale.ROOT, "%,.1f MB", mb);
    }

    public static String cpu(double percent) {
        return String.format(Locale.ROOT, "%.1f%%", percent);
    }

    /** CPU time in microseconds, e.g. {@code 66.1 µs}, {@code 1,960 µs}; {@code n/a} when undefined. */
    public static String micros(Double micros) {
        if (micros == null) {
            return "n/a";
        }
        return micros < 100 ? String.format(Locale.ROOT, "%.1f µs", micros) : String.format(Locale.ROOT, "%,.0f µs", micros);
    }

    /** A signed relative change, e.g. {@code -34.3%}. */
    public static String change(double fromValue, double toValue) {
        if (fromValue == 0) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%+.1f%%", 100.0 * (toValue - fromValue) / fromValue);
    }

    /** A percentile label: {@code P50}, {@code P99.9}, {@code Max} for 100. */
    public static String percentile(double percentile) {
        if (percentile >= 100) {
            return "Max";
        }
        return percentile == Math.rint(percentile)
                ? "P" + (long) percentile
                : "P" + String.format(Locale.ROOT, "%s", percentile);
    }
}
