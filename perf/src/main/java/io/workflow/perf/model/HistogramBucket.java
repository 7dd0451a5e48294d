package io.workflow.perf.model;

/** Requests whose latency fell in {@code [fromMs, toMs)}; the last bucket of a summary also holds its maximum. */
public record HistogramBucket(double fromMs, double toMs, long count) {
}
