package io.workflow.perf.model;

/**
 * The arrival schedule of an open-loop phase: {@code started + dropped == scheduled}. An iteration is dropped
 * when {@code maxInFlight} iterations are still running at its scheduled time. {@code scheduleLag} is how late
 * iterations actually started; latencies of the phase are measured from the scheduled time.
 */
public record OpenLoopResult(
        double ratePerSecond,
        double durationSeconds,
        int maxInFlight,
        long scheduled,
        long started,
        long dropped,
        LatencySummary scheduleLag) {
}
