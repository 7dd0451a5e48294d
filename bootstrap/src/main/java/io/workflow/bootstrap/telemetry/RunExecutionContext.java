package io.workflow.bootstrap.telemetry;

import io.workflow.application.ExecuteRun;

import java.util.UUID;

/**
 * Where a worker hands a run to the engine: every line logged while the run executes carries its
 * {@code run_id}, and its webhook calls its trace ({@link ObservedStepExecutor}).
 */
public final class RunExecutionContext implements ExecuteRun {
    private final ExecuteRun execute;

    public RunExecutionContext(ExecuteRun execute) {
        this.execute = execute;
    }

    @Override
    public Outcome execute(UUID runId) {
        return LogContext.withRun(runId, null, () -> execute.execute(runId));
    }
}
