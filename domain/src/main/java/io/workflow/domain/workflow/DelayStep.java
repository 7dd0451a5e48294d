package io.workflow.domain.workflow;

import io.workflow.domain.InvalidInputException;

import java.time.Duration;
import java.util.Map;

/** Waits for a fixed time. Invariant: {@link #MIN_DURATION} &lt;= duration &lt;= {@link #MAX_DURATION}. */
public record DelayStep(String name, Duration duration) implements Step {
    /** Timers do not tick finer than this. */
    public static final Duration MIN_DURATION = Duration.ofMillis(1);
    /** A longer wait belongs in a scheduler, not in a run that holds a worker slot. */
    public static final Duration MAX_DURATION = Duration.ofHours(1);

    public DelayStep {
        StepNames.check(name, "name");
        if (duration == null || duration.isZero() || duration.isNegative()) {
            throw new InvalidInputException("duration", "must be a positive number of seconds");
        }
        if (duration.compareTo(MIN_DURATION) < 0) {
            throw new InvalidInputException("duration", "must be at least 0.001 seconds");
        }
        if (duration.compareTo(MAX_DURATION) > 0) {
            throw new InvalidInputException("duration", "must be at most " + MAX_DURATION.toSeconds() + " seconds");
        }
    }

    /** What a finished delay step outputs: {@code {"delayed_seconds": n}}, whole seconds as an integer. */
    public Map<String, Object> output() {
        Number seconds = duration.getNano() == 0 ? (Number) duration.getSeconds() : (Number) (duration.toNanos() / 1e9);
        return Map.of("delayed_seconds", seconds);
    }
}
