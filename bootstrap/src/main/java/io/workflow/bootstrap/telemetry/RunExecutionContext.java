package io.workflow.bootstrap.telemetry;

import io.workflow.application.ExecuteRun;
import io.workflow.application.RunExecutionScope;

import java.util.UUID;

/**
 * Where a worker hands a run to the engine: every line logged while the run executes carries its
 * {@code run_id}, and its webhook calls its trace ({@link ObservedStepExecutor}). {@link #SCOPE} is
 * the engine's side: once the run is held, its lines carry its {@code workflow_id} too, whichever
 * path it came by — a trigger event, a timer come due, a run whose worker died.
 */
public final class RunExecutionContext implements ExecuteRun {
    /** The run's fields on every line written while the engine performs it; the request id already set is kept. */
    static final RunExecutionScope SCOPE = (run, work) -> LogContext.withRun(run.id(), run.workflowId(), work);

    private final ExecuteRun execute;

    public RunExecutionContext(ExecuteRun execute) {
        this.execute = execute;
    }

    @Override
    public Outcome execute(UUID runId) {
        return LogContext.withRun(runId, null, () -> execute.execute(runId));
    }
}
