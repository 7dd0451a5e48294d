package io.workflow.perf.report;

import java.util.function.ToDoubleFunction;

import io.workflow.perf.model.LatencySummary;

/** The figures of a latency summary that the report's tables show, in the order they show them. */
enum LatencyMeasure {
    MEAN("Mean", LatencySummary::meanMs),
    P50("P50", LatencySummary::p50Ms),
    P90("P90", LatencySummary::p90Ms),
    P95("P95", LatencySummary::p95Ms),
    P99("P99", LatencySummary::p99Ms),
    P999("P99.9", LatencySummary::p999Ms),
    MIN("Min", LatencySummary::minMs),
    MAX("Max", LatencySummary::maxMs);

    final String label;
    final ToDoubleFunction<LatencySummary> value;

    LatencyMeasure(String label, ToDoubleFunction<LatencySummary> value) {
        this.label = label;
        this.value = value;
    }
}
