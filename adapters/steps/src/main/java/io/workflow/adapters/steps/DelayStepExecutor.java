package io.workflow.adapters.steps;

import io.workflow.domain.port.StepExecutor.StepOutcome;
import io.workflow.domain.workflow.DelayStep;

import java.time.Duration;
import java.util.Map;

/** Sleeps for the step's duration; on a virtual thread that holds no carrier. */
final class DelayStepExecutor {

    StepOutcome execute(DelayStep step) {
        try {
            Thread.sleep(step.duration());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new StepOutcome.Failed("interrupted", null);
        }
        return new StepOutcome.Succeeded(Map.of("delayed_seconds", seconds(step.duration())));
    }

    private static Number seconds(Duration duration) {
        if (duration.getNano() == 0) {
            return duration.getSeconds();
        }
        return duration.toNanos() / 1e9;
    }
}
