package io.workflow.perf.model;

/**
 * What became of the runs the phase triggered: {@code success + failed + neverFinished == triggered}.
 * {@code triggerToTerminal} is measured by the client, from sending the trigger to first seeing a terminal
 * status, so it is an upper bound with the poll interval as resolution; {@code serverDuration} is
 * {@code completed_at - started_at} as the service reported it, null when runs carry no such timestamps.
 */
public record CompletionResult(
        long triggered,
        long success,
        long failed,
        long neverFinished,
        long pollRequests,
        long pollErrors,
        double waitLimitSeconds,
        double waitedSeconds,
        double pollIntervalSeconds,
        LatencySummary triggerToTerminal,
        LatencySummary serverDuration) {
}
