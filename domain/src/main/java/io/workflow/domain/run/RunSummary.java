package io.workflow.domain.run;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A run as a listing shows it: what the run document holds, without what only the engine needs
 * (lease, timer, tenant); {@code workflowVersion} is the version of its workflow it executes. {@code payload} and each step result's {@code output} are either plain
 * Java objects, as in {@link Run}, or a {@link JsonText} when the store hands them on undecoded.
 */
public record RunSummary(UUID id, UUID workflowId, RunStatus status, Object payload, Instant createdAt,
                         Instant startedAt, Instant completedAt, String error, Map<String, StepResult> stepResults,
                         int attempt, int workflowVersion) {

    public RunSummary {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(workflowId, "workflowId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        payload = payload == null ? Map.of() : payload;
        stepResults = stepResults == null ? Map.of() : stepResults;
    }

    /** The summary of a decoded run. */
    public static RunSummary of(Run run) {
        return new RunSummary(run.id(), run.workflowId(), run.status(), run.payload(), run.createdAt(), run.startedAt(),
                run.completedAt(), run.error(), run.stepResults(), run.attempt(), run.workflowVersion());
    }
}
