package io.workflow.perf.model;

/**
 * Requests of a phase. {@code planned} is users × 7; a user stops at its first failed request, so
 * {@code sent + notSent == planned} and {@code succeeded + failed == sent}.
 */
public record RequestCounts(long planned, long sent, long succeeded, long failed, long notSent) {
}
