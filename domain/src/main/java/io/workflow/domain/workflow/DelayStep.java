package io.workflow.domain.workflow;

import io.workflow.domain.InvalidInputException;

import java.time.Duration;

/** Waits for a fixed time. Invariant: 0 &lt; duration &lt;= {@link #MAX_DURATION}. */
public record DelayStep(String name, Duration duration) implements Step {
    public static final String TYPE = "delay";
    /** A longer wait belongs in a scheduler, not in a run that holds a worker slot. */
    public static final Duration MAX_DURATION = Duration.ofHours(1);

    public DelayStep {
        StepNames.check(name, "name");
        if (duration == null || duration.isZero() || duration.isNegative()) {
            throw new InvalidInputException("config.duration", "must be a positive number of seconds");
        }
        if (duration.compareTo(MAX_DURATION) > 0) {
            throw new InvalidInputException("config.duration", "must be at most " + MAX_DURATION.toSeconds() + " seconds");
        }
    }

    @Override
    public String type() {
        return TYPE;
    }
}
