package io.workflow.perf.model;

/** The latency at one percentile, e.g. {@code (99.0, 364.2)}. */
public record PercentilePoint(double percentile, double ms) {
}
