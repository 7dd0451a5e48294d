package io.workflow.perf.model;

import java.util.ArrayList;
import java.util.List;

/**
 * How many times better {@code target} did than {@code baseline} at the same load: throughput as
 * target/baseline, times and latencies as baseline/target (so above 1 means the target is faster).
 * A ratio is null where its denominator is zero.
 */
public record Multipliers(
        int concurrency,
        String baseline,
        String target,
        Double throughput,
        Double wallTime,
        Double meanLatency,
        Double p50Latency,
        Double p90Latency,
        Double p95Latency,
        Double p99Latency,
        Double minLatency,
        Double maxLatency) {

    /** Each further contender against the first one, at each load level; a stub is no contender. */
    public static List<Multipliers> of(List<PhaseResult> phases) {
        List<Multipliers> multipliers = new ArrayList<>();
        for (int level : PhaseResult.levels(phases)) {
            List<PhaseResult> contenders = phases.stream().filter(p -> p.concurrency() == level && !p.stub()).toList();
            for (int i = 1; i < contenders.size(); i++) {
                multipliers.add(between(contenders.getFirst(), contenders.get(i)));
            }
        }
        return multipliers;
    }

    public static Multipliers between(PhaseResult baseline, PhaseResult target) {
        LatencySummary b = baseline.latency();
        LatencySummary t = target.latency();
        return new Multipliers(target.concurrency(), baseline.target(), target.target(),
                ratio(target.throughput().requestsPerSecond(), baseline.throughput().requestsPerSecond()),
                ratio(baseline.wallSeconds(), target.wallSeconds()),
                ratio(b.meanMs(), t.meanMs()),
                ratio(b.p50Ms(), t.p50Ms()),
                ratio(b.p90Ms(), t.p90Ms()),
                ratio(b.p95Ms(), t.p95Ms()),
                ratio(b.p99Ms(), t.p99Ms()),
                ratio(b.minMs(), t.minMs()),
                ratio(b.maxMs(), t.maxMs()));
    }

    private static Double ratio(double numerator, double denominator) {
        return denominator == 0 ? null : numerator / denominator;
    }
}
