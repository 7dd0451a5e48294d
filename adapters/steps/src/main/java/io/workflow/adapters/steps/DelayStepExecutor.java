package io.workflow.adapters.steps;

import io.workflow.domain.port.StepExecutor.StepOutcome;
import io.workflow.domain.workflow.DelayStep;

/**
 * Sleeps for the step's duration; on a virtual thread that holds no carrier. The engine sends only
 * short delays here: a longer one is a durable timer, with no thread waiting for it.
 */
final class DelayStepExecutor {

    StepOutcome execute(DelayStep step) {
        try {
            Thread.sleep(step.duration());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new StepOutcome.Failed("interrupted", null);
        }
        return new StepOutcome.Succeeded(step.output());
    }
}
