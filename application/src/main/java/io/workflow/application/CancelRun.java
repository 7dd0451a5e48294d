package io.workflow.application;

import io.workflow.domain.run.Run;

import java.util.UUID;

/** Stops a run at a person's request. */
@FunctionalInterface
public interface CancelRun {

    /**
     * The run, now {@code cancelled}: at once in the store, while the worker that holds it stops after
     * the step in flight (or drops its delay). Idempotent: a cancelled run is returned as it is.
     * {@link io.workflow.domain.NotFoundException} for an unknown run or another tenant's (the same answer),
     * {@link io.workflow.domain.run.IllegalTransitionException} for one that already ended otherwise.
     */
    Run cancel(String tenant, UUID runId);
}
