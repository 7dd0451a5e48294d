package io.workflow.domain.port;

import io.workflow.domain.run.RunContext;
import io.workflow.domain.workflow.RetryPolicy;
import io.workflow.domain.workflow.Step;

import java.time.Duration;
import java.util.UUID;

/** Performs one step of a run. */
@FunctionalInterface
public interface StepExecutor {

    /** Performs the step with the run's context; failures are returned, not thrown. */
    StepOutcome execute(Step step, RunContext context);

    /**
     * Performs the step of a known run, whose identity a webhook call carries (a signature, an
     * idempotency key); executors that need no identity perform it as {@link #execute(Step, RunContext)}.
     */
    default StepOutcome execute(Step step, RunContext context, Call call) {
        return execute(step, context);
    }

    /**
     * Which step of which run is performed: every try of that step within one attempt of the run
     * (its retry policy's tries) is the same call to a receiver. {@code runAttempt} counts the run's
     * retries ({@code Run.attempt}): retrying a run asks for the step again, as a new call.
     */
    record Call(UUID workflowId, UUID runId, int runAttempt, String stepName) {
    }

    /** How a step ended: with an output, or with an error (and whatever output there was). */
    sealed interface StepOutcome {
        record Succeeded(Object output) implements StepOutcome {
        }

        /**
         * {@code failure}: what kind of failure, for a retry policy to judge (null: one no retry can
         * mend, such as an unresolved placeholder); {@code retryAfter}: the wait the receiver asked
         * for, if any.
         */
        record Failed(String error, Object output, RetryPolicy.Failure failure, Duration retryAfter) implements StepOutcome {
            /** A failure no retry can mend. */
            public Failed(String error, Object output) {
                this(error, output, null, null);
            }
        }
    }
}
