package io.workflow.perf.model;

import java.util.ArrayList;
import java.util.List;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/** Latency statistics of a set of requests, in milliseconds, read from an HdrHistogram of microseconds. */
public record LatencySummary(
        long count,
        double minMs,
        double meanMs,
        double stdDevMs,
        double p50Ms,
        double p90Ms,
        double p95Ms,
        double p99Ms,
        double p999Ms,
        double maxMs,
        List<PercentilePoint> ladder,
        List<HistogramBucket> histogram) {

    /** The percentiles of the ladder in every report. */
    public static final double[] LADDER = {10, 25, 50, 75, 90, 95, 99, 99.9, 100};

    private static final int BUCKETS = 20;

    public static LatencySummary empty() {
        return new LatencySummary(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, List.of(), List.of());
    }

    /** Summarises a histogram whose values are microseconds. */
    public static LatencySummary from(Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return empty();
        }
        List<PercentilePoint> ladder = new ArrayList<>();
        for (double percentile : LADDER) {
            ladder.add(new PercentilePoint(percentile, ms(micros.getValueAtPercentile(percentile))));
        }
        return new LatencySummary(
                micros.getTotalCount(),
                ms(micros.getMinValue()),
                micros.getMean() / 1000.0,
                micros.getStdDeviation() / 1000.0,
                ms(micros.getValueAtPercentile(50)),
                ms(micros.getValueAtPercentile(90)),
                ms(micros.getValueAtPercentile(95)),
                ms(micros.getValueAtPercentile(99)),
                ms(micros.getValueAtPercentile(99.9)),
                ms(micros.getMaxValue()),
                ladder,
                buckets(micros));
    }

    /**
     * Twenty equal buckets from 0 up to a round number at or above the p99.9, so a few outliers do not squash
     * the chart; values beyond it go into the last bucket, which then reaches up to the maximum.
     */
    private static List<HistogramBucket> buckets(Histogram micros) {
        double top = roundUp(ms(micros.getValueAtPercentile(99.9)));
        double width = top / BUCKETS;
        long[] counts = new long[BUCKETS];
        for (HistogramIterationValue value : micros.recordedValues()) {
            double valueMs = ms(value.getValueIteratedTo());
            int index = (int) Math.min(BUCKETS - 1, Math.floor(valueMs / width));
            counts[index] += value.getCountAtValueIteratedTo();
        }
        List<HistogramBucket> buckets = new ArrayList<>(BUCKETS);
        for (int i = 0; i < BUCKETS; i++) {
            double to = i == BUCKETS - 1 ? Math.max(top, ms(micros.getMaxValue())) : width * (i + 1);
            buckets.add(new HistogramBucket(width * i, to, counts[i]));
        }
        return buckets;
    }

    /** The smallest of 1, 2, 2.5, 5 times a power of ten that is at least {@code value} (and at least 0.1 ms). */
    public static double roundUp(double value) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(Math.max(value, 0.1))));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= value) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }
}
