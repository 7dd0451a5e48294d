package io.workflow.adapters.kafka;

import java.time.Duration;

/**
 * How often, and how far apart, the worker tries a run whose execution threw: the first wait is
 * {@code firstDelay}, each next one doubles, capped at {@code maxDelay}.
 */
record RetryBackoff(int attempts, Duration firstDelay, Duration maxDelay) {
    /** Five attempts, waiting 2, 4, 8 and 16 s between them: about half a minute of a dependency being down. */
    static final RetryBackoff DEFAULT = new RetryBackoff(5, Duration.ofSeconds(2), Duration.ofSeconds(16));

    RetryBackoff {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1");
        }
        if (firstDelay.isNegative() || maxDelay.compareTo(firstDelay) < 0) {
            throw new IllegalArgumentException("need 0 <= firstDelay <= maxDelay");
        }
    }

    /** The wait after failed attempt {@code attempt} (1-based). */
    Duration delayAfter(int attempt) {
        Duration delay = firstDelay;
        for (int i = 1; i < attempt && delay.compareTo(maxDelay) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }
}
