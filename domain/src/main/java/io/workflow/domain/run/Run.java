package io.workflow.domain.run;

import io.workflow.domain.auth.Tenants;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One execution of a workflow with a payload (named values: maps, lists, strings, numbers, booleans, null). Immutable: each change returns a new run, and the
 * status only moves along {@link RunStatus#canBecome}, or back to pending by {@link #retry}.
 * {@code leaseExpiresAt} is set while a worker holds the run; past it, the run is considered
 * stranded and may be claimed again. {@code attempt} counts the retries: 1 until the first.
 * {@code timer}, when set, is a durable wait ({@link Timer}): the run is parked, its lease ending
 * when the timer is due, and no worker holds it until then. {@code tenant} owns the run: the tenant
 * of its workflow. {@code workflowVersion} is the version of the workflow it was triggered with, and
 * the definition it executes, whatever revisions come after.
 */
public record Run(UUID id, UUID workflowId, RunStatus status, Map<String, ?> payload, Instant createdAt,
                  Instant startedAt, Instant completedAt, String error, Map<String, StepResult> stepResults,
                  Instant leaseExpiresAt, int attempt, Timer timer, String tenant, int workflowVersion) {

    public Run {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(workflowId, "workflowId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        payload = payload == null ? Map.of() : payload;
        stepResults = Collections.unmodifiableMap(new LinkedHashMap<>(stepResults == null ? Map.of() : stepResults));
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be at least 1, got " + attempt);
        }
        if (timer != null && status != RunStatus.RUNNING) {
            throw new IllegalArgumentException("only a running run waits on a timer, not a " + status + " one");
        }
        if (workflowVersion < 1) {
            throw new IllegalArgumentException("workflowVersion must be at least 1, got " + workflowVersion);
        }
    }

    /** A run of its workflow's first version: the record as it was before versions. */
    public Run(UUID id, UUID workflowId, RunStatus status, Map<String, ?> payload, Instant createdAt,
               Instant startedAt, Instant completedAt, String error, Map<String, StepResult> stepResults,
               Instant leaseExpiresAt, int attempt, Timer timer, String tenant) {
        this(id, workflowId, status, payload, createdAt, startedAt, completedAt, error, stepResults, leaseExpiresAt,
                attempt, timer, tenant, 1);
    }

    /** A run of {@code tenant} that waits on no timer. */
    public Run(UUID id, UUID workflowId, RunStatus status, Map<String, ?> payload, Instant createdAt,
               Instant startedAt, Instant completedAt, String error, Map<String, StepResult> stepResults,
               Instant leaseExpiresAt, int attempt, String tenant) {
        this(id, workflowId, status, payload, createdAt, startedAt, completedAt, error, stepResults, leaseExpiresAt,
                attempt, null, tenant);
    }

    /** A run of the {@link Tenants#DEFAULT default tenant} without a timer: the record as it was before both. */
    public Run(UUID id, UUID workflowId, RunStatus status, Map<String, ?> payload, Instant createdAt,
               Instant startedAt, Instant completedAt, String error, Map<String, StepResult> stepResults,
               Instant leaseExpiresAt, int attempt) {
        this(id, workflowId, status, payload, createdAt, startedAt, completedAt, error, stepResults, leaseExpiresAt,
                attempt, Tenants.DEFAULT);
    }

    /** A new run of the default tenant waiting for a worker. */
    public static Run pending(UUID id, UUID workflowId, Map<String, ?> payload, Instant now) {
        return pending(id, workflowId, payload, now, Tenants.DEFAULT);
    }

    /** A new run of {@code tenant} waiting for a worker. */
    public static Run pending(UUID id, UUID workflowId, Map<String, ?> payload, Instant now, String tenant) {
        return pending(id, workflowId, payload, now, tenant, 1);
    }

    /** A new run of {@code tenant} waiting for a worker, of version {@code workflowVersion} of its workflow. */
    public static Run pending(UUID id, UUID workflowId, Map<String, ?> payload, Instant now, String tenant,
                              int workflowVersion) {
        return new Run(id, workflowId, RunStatus.PENDING, payload, now,
                null, null, null, Map.of(), null, 1, null, tenant, workflowVersion);
    }

    /**
     * Taken by a worker until {@code leaseExpiresAt}. Allowed from pending, and from running when the
     * earlier lease has expired (its worker is presumed dead, or handed the run back). Either way the
     * run continues where it stopped: it keeps the results of the steps it completed (a retried run
     * its successful ones), its timer (the step it waited in goes on) and its start time.
     */
    public Run claim(Instant now, Instant leaseExpiresAt) {
        boolean stranded = status == RunStatus.RUNNING && this.leaseExpiresAt != null && this.leaseExpiresAt.isBefore(now);
        if (!stranded && !status.canBecome(RunStatus.RUNNING)) {
            throw new IllegalTransitionException(status, RunStatus.RUNNING);
        }
        Objects.requireNonNull(leaseExpiresAt, "leaseExpiresAt");
        return new Run(id, workflowId, RunStatus.RUNNING, payload, createdAt, startedAt == null ? now : startedAt,
                null, null, stepResults, leaseExpiresAt, attempt, timer, tenant, workflowVersion);
    }

    /** The same run held longer: its worker is alive and renews the lease. Only while running. */
    public Run heldUntil(Instant leaseExpiresAt) {
        requireStatus(RunStatus.RUNNING, RunStatus.RUNNING);
        return new Run(id, workflowId, status, payload, createdAt, startedAt, completedAt, error, stepResults,
                Objects.requireNonNull(leaseExpiresAt, "leaseExpiresAt"), attempt, timer, tenant, workflowVersion);
    }

    /**
     * Parked on {@code timer} by the worker that holds it: still running, its lease ending when the
     * timer is due, so no worker holds it until then and the first to find it due resumes it.
     */
    public Run park(Timer timer) {
        requireStatus(RunStatus.RUNNING, RunStatus.RUNNING);
        Objects.requireNonNull(timer, "timer");
        return new Run(id, workflowId, status, payload, createdAt, startedAt, completedAt, error, stepResults,
                timer.wakeAt(), attempt, timer, tenant, workflowVersion);
    }

    /** Whether the run is parked on a timer that is not yet due at {@code now}. */
    public boolean isWaiting(Instant now) {
        return timer != null && timer.wakeAt().isAfter(now);
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

    /** Adds one step's result, which ends the step's timer if it had one; only while running. */
    public Run withStepResult(StepResult result) {
        requireStatus(RunStatus.RUNNING, RunStatus.RUNNING);
        Map<String, StepResult> results = new LinkedHashMap<>(stepResults);
        results.put(result.stepName(), result);
        Timer kept = timer != null && timer.stepName().equals(result.stepName()) ? null : timer;
        return new Run(id, workflowId, status, payload, createdAt, startedAt, completedAt, error, results, leaseExpiresAt,
                attempt, kept, tenant, workflowVersion);
    }

    public Run succeed(Instant now) {
        return finish(RunStatus.SUCCESS, now, null);
    }

    public Run fail(Instant now, String reason) {
        return finish(RunStatus.FAILED, now, Objects.requireNonNull(reason, "reason"));
    }

    /** Stopped at a person's request: ends now, keeping the results of the steps it completed. */
    public Run cancel(Instant now) {
        return finish(RunStatus.CANCELLED, now, "cancelled");
    }

    /**
     * A failed or cancelled run, tried again: pending once more, with its successful steps' results
     * kept (they are not performed again) and the others dropped, and the next attempt number. Its
     * start time is cleared: the next claim starts the new attempt, and its run timeout, afresh.
     */
    public Run retry() {
        if (!status.canBeRetried()) {
            throw new IllegalTransitionException(status, RunStatus.PENDING);
        }
        Map<String, StepResult> succeeded = new LinkedHashMap<>();
        stepResults.forEach((name, result) -> {
            if (result.status() == StepResult.StepStatus.SUCCESS) {
                succeeded.put(name, result);
            }
        });
        return new Run(id, workflowId, RunStatus.PENDING, payload, createdAt, null, null, null, succeeded, null,
                attempt + 1, null, tenant, workflowVersion);
    }

    private Run finish(RunStatus next, Instant now, String reason) {
        if (!status.canBecome(next)) {
            throw new IllegalTransitionException(status, next);
        }
        return new Run(id, workflowId, next, payload, createdAt, startedAt, now, reason, stepResults, null, attempt, null, tenant, workflowVersion);
    }

    private void requireStatus(RunStatus expected, RunStatus next) {
        if (status != expected) {
            throw new IllegalTransitionException(status, next);
        }
    }
}
