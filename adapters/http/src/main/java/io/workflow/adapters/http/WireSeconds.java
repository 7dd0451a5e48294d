package io.workflow.adapters.http;

import java.math.BigDecimal;
import java.time.Duration;

/** Durations on the wire: a number of seconds, fractions allowed (a delay's duration, a retry's intervals). */
final class WireSeconds {
    private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);
    /** Far past any rule on a duration, and still a long number of nanoseconds. */
    private static final BigDecimal LONGEST_READ = BigDecimal.valueOf(1_000_000_000L);

    private WireSeconds() {
    }

    /**
     * Seconds as sent, to a duration the domain's rules then judge; no number turns into a valid one
     * on the way (zero or less becomes zero, anything positive at least a nanosecond).
     */
    static Duration read(BigDecimal seconds) {
        if (seconds.signum() <= 0) {
            return Duration.ZERO;
        }
        long nanos = seconds.min(LONGEST_READ).multiply(NANOS_PER_SECOND).longValue();
        return Duration.ofNanos(Math.max(nanos, 1));
    }

    /** Whole seconds as a whole number, others as a fraction. */
    static Object write(Duration duration) {
        if (duration.getNano() == 0) {
            return duration.getSeconds(); // not in a ternary, which would widen it to a double
        }
        return BigDecimal.valueOf(duration.toNanos()).divide(NANOS_PER_SECOND).doubleValue();
    }
}
