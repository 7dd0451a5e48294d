package io.workflow.perf.model;

/** One of the seven endpoints within a phase: requests sent to it and their latency. */
public record EndpointResult(
        String endpoint,
        String method,
        String path,
        String category,
        long sent,
        long succeeded,
        long failed,
        LatencySummary latency) {
}
