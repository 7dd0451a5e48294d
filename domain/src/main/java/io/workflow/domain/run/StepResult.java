package io.workflow.domain.run;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What one step of a run did. {@code output} is a JSON value as plain Java objects. A step tried more
 * than once (a retry policy) lists every attempt in {@code attempts}, the last one being the result;
 * then {@code startedAt} is the first attempt's start and {@code completedAt} the last one's end. A
 * step done in one attempt has no list: the result's own times and error are that attempt.
 */
public record StepResult(String stepName, StepStatus status, Instant startedAt, Instant completedAt,
                         Object output, String error, List<Attempt> attempts) {

    public enum StepStatus {
        SUCCESS, FAILED
    }

    /** One try of a step: when it ran, and its error (null: it succeeded). */
    public record Attempt(Instant startedAt, Instant completedAt, String error) {
        public Duration duration() {
            return Duration.between(startedAt, completedAt);
        }
    }

    public StepResult {
        attempts = attempts == null || attempts.size() < 2 ? List.of() : List.copyOf(attempts);
    }

    public StepResult(String stepName, StepStatus status, Instant startedAt, Instant completedAt, Object output, String error) {
        this(stepName, status, startedAt, completedAt, output, error, List.of());
    }

    public static StepResult succeeded(String stepName, Instant startedAt, Instant completedAt, Object output) {
        return new StepResult(stepName, StepStatus.SUCCESS, startedAt, completedAt, output, null);
    }

    public static StepResult failed(String stepName, Instant startedAt, Instant completedAt, Object output, String error) {
        return new StepResult(stepName, StepStatus.FAILED, startedAt, completedAt, output, error);
    }

    /** Every attempt, oldest first: the list, or this result as the one attempt. */
    public List<Attempt> allAttempts() {
        return attempts.isEmpty() ? List.of(new Attempt(startedAt, completedAt, error)) : attempts;
    }

    /** This result after {@code earlier} failed attempts of the same step: their times and errors recorded first. */
    public StepResult after(List<Attempt> earlier) {
        if (earlier.isEmpty()) {
            return this;
        }
        List<Attempt> all = new ArrayList<>(earlier);
        all.add(new Attempt(startedAt, completedAt, error));
        return new StepResult(stepName, status, earlier.getFirst().startedAt(), completedAt, output, error, all);
    }
}
