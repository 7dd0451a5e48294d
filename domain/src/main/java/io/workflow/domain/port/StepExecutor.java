package io.workflow.domain.port;

import io.workflow.domain.run.RunContext;
import io.workflow.domain.workflow.Step;

/** Performs one step of a run. */
@FunctionalInterface
public interface StepExecutor {

    /** Performs the step with the run's context; failures are returned, not thrown. */
    StepOutcome execute(Step step, RunContext context);

    /** How a step ended: with an output, or with an error (and whatever output there was). */
    sealed interface StepOutcome {
        record Succeeded(Object output) implements StepOutcome {
        }

        record Failed(String error, Object output) implements StepOutcome {
        }
    }
}
