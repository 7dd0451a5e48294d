package io.workflow.application;

import io.workflow.domain.run.Run;

import java.util.UUID;

/** Tries a failed or cancelled run again. */
@FunctionalInterface
public interface RetryRun {

    /**
     * The run, pending again with its next attempt number and handed to the workers, which continue it
     * from the step that did not succeed (earlier results are kept, those steps not performed again).
     * {@link io.workflow.domain.NotFoundException} for an unknown run or another tenant's (the same answer),
     * {@link io.workflow.domain.run.IllegalTransitionException} for one that is not failed or cancelled.
     */
    Run retry(String tenant, UUID runId);
}
