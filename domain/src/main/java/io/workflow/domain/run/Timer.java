package io.workflow.domain.run;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A run's durable timer: the step {@code stepName}, begun at {@code stepStartedAt}, continues at
 * {@code wakeAt}. Set when a delay is longer than a worker should sleep through (no failed attempts),
 * or when a failed webhook call waits for its next attempt ({@code failedAttempts}: the attempts made
 * so far, oldest first). While it is set the run holds no worker and no thread: it is stored with its
 * lease ending at {@code wakeAt}, so whichever worker finds it due first claims it and goes on from
 * this step, never from an earlier one.
 */
public record Timer(String stepName, Instant stepStartedAt, Instant wakeAt, List<StepResult.Attempt> failedAttempts) {

    public Timer {
        Objects.requireNonNull(stepName, "stepName");
        Objects.requireNonNull(stepStartedAt, "stepStartedAt");
        Objects.requireNonNull(wakeAt, "wakeAt");
        failedAttempts = failedAttempts == null ? List.of() : List.copyOf(failedAttempts);
    }

    /** Whether this timer ends a delay rather than spacing a webhook's attempts. */
    public boolean isDelay() {
        return failedAttempts.isEmpty();
    }
}
