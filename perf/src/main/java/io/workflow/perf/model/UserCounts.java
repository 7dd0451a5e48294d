package io.workflow.perf.model;

/** Simulated users (closed loop) or iterations (open loop) of a phase; {@code completed + failed == total}. */
public record UserCounts(long total, long completed, long failed) {
}
