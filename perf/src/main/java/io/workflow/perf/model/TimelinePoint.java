package io.workflow.perf.model;

/** One interval of a phase ending at {@code tSeconds}: requests finished and failed in it, and their latency. */
public record TimelinePoint(
        double tSeconds,
        long requests,
        long errors,
        double requestsPerSecond,
        double errorsPerSecond,
        long usersDone,
        double p50Ms,
        double p99Ms) {
}
