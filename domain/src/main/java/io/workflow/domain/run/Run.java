package io.workflow.domain.run;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One execution of a workflow with a payload (named values: maps, lists, strings, numbers, booleans, null). Immutable: each change returns a new run, and the
 * status only moves along {@link RunStatus#canBecome}. {@code leaseExpiresAt} is set while a worker
 * holds the run; past it, the run is considered stranded and may be claimed again.
 */
public record Run(UUID id, UUID workflowId, RunStatus status, Map<String, ?> payload, Instant createdAt,
                  Instant startedAt, Instant completedAt, String error, Map<String, StepResult> stepResults,
                  Instant leaseExpiresAt) {

    public Run {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(workflowId, "workflowId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        payload = payload == null ? Map.of() : payload;
        stepResults = Collections.unmodifiableMap(new LinkedHashMap<>(stepResults == null ? Map.of() : stepResults));
    }

    /** A new run waiting for a worker. */
    public static Run pending(UUID id, UUID workflowId, Map<String, ?> payload, Instant now) {
        return new Run(id, workflowId, RunStatus.PENDING, payload, now,
                null, null, null, Map.of(), null);
    }

    /**
     * Taken by a worker until {@code leaseExpiresAt}. Allowed from pending, and from running when the
     * earlier lease has expired (its worker is presumed dead, or handed the run back): the run then
     * resumes where it stopped, keeping its start time and the results of the steps it completed.
     */
    public Run claim(Instant now, Instant leaseExpiresAt) {
        boolean stranded = status == RunStatus.RUNNING && this.leaseExpiresAt != null && this.leaseExpiresAt.isBefore(now);
        if (!stranded && !status.canBecome(RunStatus.RUNNING)) {
            throw new IllegalTransitionException(status, RunStatus.RUNNING);
        }
        Objects.requireNonNull(leaseExpiresAt, "leaseExpiresAt");
        return new Run(id, workflowId, RunStatus.RUNNING, payload, createdAt, stranded ? startedAt : now, null, null,
                stranded ? stepResults : Map.of(), leaseExpiresAt);
    }

    /** The same run held longer: its worker is alive and renews the lease. Only while running. */
    public Run heldUntil(Instant leaseExpiresAt) {
        requireStatus(RunStatus.RUNNING, RunStatus.RUNNING);
        return new Run(id, workflowId, status, payload, createdAt, startedAt, completedAt, error, stepResults,
                Objects.requireNonNull(leaseExpiresAt, "leaseExpiresAt"));
    }

    /**
     * Handed back by its worker (shutting down) at {@code now}: still running, its lease over, so any
     * worker may claim it from the next instant on and resume it.
     */
    public Run release(Instant now) {
        return heldUntil(now);
    }

    /** Whether a worker may claim this run at {@code now}. */
    public boolean isClaimable(Instant now) {
        return status == RunStatus.PENDING
                || (status == RunStatus.RUNNING && leaseExpiresAt != null && leaseExpiresAt.isBefore(now));
    }

    /** Adds one step's result; only while running. */
    public Run withStepResult(StepResult result) {
        requireStatus(RunStatus.RUNNING, RunStatus.RUNNING);
        Map<String, StepResult> results = new LinkedHashMap<>(stepResults);
        results.put(result.stepName(), result);
        return new Run(id, workflowId, status, payload, createdAt, startedAt, completedAt, error, results, leaseExpiresAt);
    }

    public Run succeed(Instant now) {
        return finish(RunStatus.SUCCESS, now, null);
    }

    public Run fail(Instant now, String reason) {
        return finish(RunStatus.FAILED, now, Objects.requireNonNull(reason, "reason"));
    }

    private Run finish(RunStatus next, Instant now, String reason) {
        if (!status.canBecome(next)) {
            throw new IllegalTransitionException(status, next);
        }
        return new Run(id, workflowId, next, payload, createdAt, startedAt, now, reason, stepResults, null);
    }

    private void requireStatus(RunStatus expected, RunStatus next) {
        if (status != expected) {
            throw new IllegalTransitionException(status, next);
        }
    }
}
