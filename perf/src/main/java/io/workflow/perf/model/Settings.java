package io.workflow.perf.model;

import java.util.List;

/**
 * The options a run used. Open-loop fields are null in closed-loop runs; {@code stubTimeSeconds} (how long a
 * closed-loop phase against the stub repeats its round of users) is null in reports written before it existed.
 */
public record Settings(
        List<TargetSpec> targets,
        List<Integer> users,
        String mode,
        int requestsPerUser,
        double requestTimeoutSeconds,
        double connectTimeoutSeconds,
        double gapSeconds,
        boolean warmup,
        int warmupUsers,
        int warmupRounds,
        Double openLoopRate,
        Double openLoopDurationSeconds,
        Integer maxInFlight,
        double completionWaitSeconds,
        double pollIntervalSeconds,
        List<String> sampledProcesses,
        Double stubTimeSeconds) {
}
