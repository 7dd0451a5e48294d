package io.workflow.perf.model;

/**
 * The uncounted warm-up before a measured phase: {@code rounds} passes of {@code users} users each. The counts
 * cover all rounds; {@code requestsPerSecond} is the last round's, which shows how warm the driver and target got.
 */
public record WarmupResult(int rounds, int users, long sent, long succeeded, long failed, double wallSeconds,
                           double requestsPerSecond) {
}
