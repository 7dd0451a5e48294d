package io.workflow.perf.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** Percentiles and histograms against distributions whose answers are known. */
class LatencySummaryTest {

    /** HdrHistogram at three significant digits: values are exact to within 0.1 %. */
    private static final double PRECISION = 0.001;

    private static Histogram micros() {
        return new Histogram(1, 3_600_000_000L, 3);
    }

    @Test
    void uniformOneToTenThousandMilliseconds() {
        Histogram histogram = micros();
        for (int ms = 1; ms <= 10_000; ms++) {
            histogram.recordValue(ms * 1000L);
        }
        LatencySummary summary = LatencySummary.from(histogram);
        assertThat(summary.count()).isEqualTo(10_000);
        assertThat(summary.p50Ms()).isCloseTo(5000, within(5000 * PRECISION));
        assertThat(summary.p90Ms()).isCloseTo(9000, within(9000 * PRECISION));
        assertThat(summary.p95Ms()).isCloseTo(9500, within(9500 * PRECISION));
        assertThat(summary.p99Ms()).isCloseTo(9900, within(9900 * PRECISION));
        assertThat(summary.p999Ms()).isCloseTo(9990, within(9990 * PRECISION));
        assertThat(summary.meanMs()).isCloseTo(5000.5, within(5000.5 * PRECISION));
        // standard deviation of a discrete uniform 1..n is sqrt((n^2 - 1) / 12)
        assertThat(summary.stdDevMs()).isCloseTo(Math.sqrt((10_000.0 * 10_000 - 1) / 12), within(2887 * PRECISION));
        assertThat(summary.minMs()).isCloseTo(1, within(1 * PRECISION));
        assertThat(summary.maxMs()).isCloseTo(10_000, within(10_000 * PRECISION));
        assertThat(summary.ladder()).extracting(PercentilePoint::percentile).containsExactly(10.0, 25.0, 50.0, 75.0, 90.0, 95.0, 99.0, 99.9, 100.0);
        assertThat(summary.ladder().get(1).ms()).isCloseTo(2500, within(2500 * PRECISION));
        assertThat(summary.ladder().get(3).ms()).isCloseTo(7500, within(7500 * PRECISION));
    }

    @Test
    void uniformHistogramHasEqualBucketsThatAddUpToTheCount() {
        Histogram histogram = micros();
        for (int ms = 1; ms <= 10_000; ms++) {
            histogram.recordValue(ms * 1000L);
        }
        LatencySummary summary = LatencySummary.from(histogram);
        // p99.9 = 9,990 ms rounds up to 10,000: twenty buckets of 500 ms, about 500 values each
        assertThat(summary.histogram()).hasSize(20);
        assertThat(summary.histogram().getFirst().fromMs()).isZero();
        assertThat(summary.histogram().getFirst().toMs()).isEqualTo(500);
        assertThat(summary.histogram().stream().mapToLong(HistogramBucket::count).sum()).isEqualTo(10_000);
        assertThat(summary.histogram()).allSatisfy(b -> assertThat(b.count()).isBetween(490L, 510L));
        assertThat(summary.histogram().getLast().toMs()).isGreaterThanOrEqualTo(summary.maxMs());
    }

    @Test
    void exponentialDistributionMatchesItsQuantiles() {
        // 100,000 values at the exact quantiles of an exponential with a 100 ms mean: p = -ln(1 - q) * mean
        double mean = 100;
        int n = 100_000;
        Histogram histogram = micros();
        for (int i = 0; i < n; i++) {
            double q = (i + 0.5) / n;
            histogram.recordValue(Math.round(-Math.log(1 - q) * mean * 1000));
        }
        LatencySummary summary = LatencySummary.from(histogram);
        assertThat(summary.p50Ms()).isCloseTo(Math.log(2) * mean, within(69.3 * 0.002));
        assertThat(summary.p90Ms()).isCloseTo(Math.log(10) * mean, within(230.3 * 0.002));
        assertThat(summary.p99Ms()).isCloseTo(Math.log(100) * mean, within(460.5 * 0.002));
        assertThat(summary.meanMs()).isCloseTo(mean, within(mean * 0.01));
        assertThat(summary.stdDevMs()).isCloseTo(mean, within(mean * 0.02));
        // skewed: most requests in the first buckets, counts falling off
        assertThat(summary.histogram().get(0).count()).isGreaterThan(summary.histogram().get(5).count());
        assertThat(summary.histogram().stream().mapToLong(HistogramBucket::count).sum()).isEqualTo(n);
    }

    @Test
    void outliersBeyondP999GoIntoTheLastBucket() {
        Histogram histogram = micros();
        for (int i = 0; i < 10_000; i++) {
            histogram.recordValue(10_000 + i);
        }
        histogram.recordValue(60_000_000); // one request at 60 s
        LatencySummary summary = LatencySummary.from(histogram);
        assertThat(summary.histogram().getLast().count()).isGreaterThanOrEqualTo(1);
        assertThat(summary.histogram().getLast().toMs()).isCloseTo(60_000, within(60.0));
        assertThat(summary.histogram().get(0).toMs()).isLessThan(5);
        assertThat(summary.maxMs()).isCloseTo(60_000, within(60.0));
    }

    @Test
    void constantLatency() {
        Histogram histogram = micros();
        for (int i = 0; i < 1000; i++) {
            histogram.recordValue(42_000);
        }
        LatencySummary summary = LatencySummary.from(histogram);
        assertThat(summary.ladder()).allSatisfy(p -> assertThat(p.ms()).isCloseTo(42, within(0.042)));
        assertThat(summary.stdDevMs()).isZero();
    }

    @Test
    void emptyHistogramGivesZeros() {
        LatencySummary summary = LatencySummary.from(micros());
        assertThat(summary).isEqualTo(LatencySummary.empty());
        assertThat(summary.count()).isZero();
    }

    @Test
    void roundsBucketTopsUpToReadableNumbers() {
        assertThat(LatencySummary.roundUp(9990)).isEqualTo(10_000);
        assertThat(LatencySummary.roundUp(1137)).isEqualTo(2000);
        assertThat(LatencySummary.roundUp(230)).isEqualTo(250);
        assertThat(LatencySummary.roundUp(0.003)).isCloseTo(0.1, within(1e-12));
    }
}
