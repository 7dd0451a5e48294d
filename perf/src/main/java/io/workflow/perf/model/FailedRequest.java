package io.workflow.perf.model;

/**
 * One failed request: when it was sent and answered (milliseconds since the epoch, this machine's clock),
 * the {@code ErrorKind} it counts as, its endpoint, and the start of what came back.
 */
public record FailedRequest(long sentAtMillis, long answeredAtMillis, String kind, String endpoint, String detail) {
}
