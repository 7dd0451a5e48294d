package io.workflow.domain.run;

import java.time.Instant;

/** What one step of a run did. {@code output} is a JSON value as plain Java objects. */
public record StepResult(String stepName, StepStatus status, Instant startedAt, Instant completedAt,
                         Object output, String error) {

    public enum StepStatus {
        SUCCESS, FAILED
    }

    public static StepResult succeeded(String stepName, Instant startedAt, Instant completedAt, Object output) {
        return new StepResult(stepName, StepStatus.SUCCESS, startedAt, completedAt, output, null);
    }

    public static StepResult failed(String stepName, Instant startedAt, Instant completedAt, Object output, String error) {
        return new StepResult(stepName, StepStatus.FAILED, startedAt, completedAt, output, error);
    }
}
