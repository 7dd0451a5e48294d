package io.workflow.perf.model;

import java.util.List;

/** Everything measured for one target at one load level. */
public record PhaseResult(
        String target,
        String url,
        boolean stub,
        String mode,
        int concurrency,
        String startedAt,
        double wallSeconds,
        RequestCounts requests,
        UserCounts users,
        Throughput throughput,
        LatencySummary latency,
        List<EndpointResult> endpoints,
        ErrorSummary errors,
        CompletionResult completion,
        OpenLoopResult openLoop,
        WarmupResult warmup,
        List<ResourceUsage> resources,
        List<TimelinePoint> timeline) {

    public static final String CLOSED_LOOP = "closed-loop";
    public static final String OPEN_LOOP = "open-loop";

    /** The load levels of these phases, in the order they were run. */
    public static List<Integer> levels(List<PhaseResult> phases) {
        return phases.stream().map(PhaseResult::concurrency).distinct().toList();
    }

    public double successPercent() {
        return requests.sent() == 0 ? 0 : 100.0 * requests.succeeded() / requests.sent();
    }

    public double usersCompletedPercent() {
        return users.total() == 0 ? 0 : 100.0 * users.completed() / users.total();
    }
}
