package io.workflow.application;

import io.workflow.domain.run.Run;

import java.util.function.Supplier;

/**
 * What surrounds the execution of one run on the thread that performs it (the worker's log context,
 * say). The engine enters it wherever a run is taken up — a trigger event, a timer come due, a run
 * whose worker died — so whatever surrounds it need not be set at each of those call sites.
 */
@FunctionalInterface
public interface RunExecutionScope {

    /** Nothing around the run. */
    RunExecutionScope NONE = (run, work) -> work.get();

    /** Performs {@code work}, the execution of {@code run}, inside this scope; returns its outcome. */
    ExecuteRun.Outcome within(Run run, Supplier<ExecuteRun.Outcome> work);
}
