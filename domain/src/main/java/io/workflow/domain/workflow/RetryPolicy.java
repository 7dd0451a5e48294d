package io.workflow.domain.workflow;

import io.workflow.domain.InvalidInputException;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * How often, and how far apart, a failed step is tried again: up to {@code maxAttempts} attempts in
 * all; before attempt n+1 a wait of {@code initialInterval × backoffCoefficient^(n-1)}, at most
 * {@code maxInterval}, spread by ± {@code jitter} (a fraction); only for failures of the kinds in
 * {@code retryOn}. A receiver's own {@code Retry-After} replaces the wait, up to {@code maxInterval}.
 */
public record RetryPolicy(int maxAttempts, Duration initialInterval, double backoffCoefficient, Duration maxInterval,
                          double jitter, Set<Failure> retryOn) {
    public static final int MAX_ATTEMPTS = 20;
    public static final Duration MAX_INTERVAL = Duration.ofHours(1);
    /** What a policy retries when it does not say: server errors, 429, time-outs and connection failures. */
    public static final Set<Failure> DEFAULT_RETRY_ON =
            Set.copyOf(EnumSet.of(Failure.SERVER_ERROR, Failure.TOO_MANY_REQUESTS, Failure.TIMEOUT, Failure.CONNECT));

    /** Kinds of step failure a policy may retry. */
    public enum Failure {
        /** The receiver answered 5xx. */
        SERVER_ERROR,
        /** The receiver answered 429. */
        TOO_MANY_REQUESTS,
        /** The call timed out, or the receiver answered 408. */
        TIMEOUT,
        /** No connection could be made. */
        CONNECT,
        /** The receiver answered 4xx other than 408 and 429: retried only when listed. */
        CLIENT_ERROR
    }

    public RetryPolicy {
        if (maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS) {
            throw new InvalidInputException("retry.max_attempts", "must be between 1 and " + MAX_ATTEMPTS);
        }
        requireInterval(initialInterval, "retry.initial_interval");
        requireInterval(maxInterval, "retry.max_interval");
        if (maxInterval.compareTo(initialInterval) < 0) {
            throw new InvalidInputException("retry.max_interval", "must not be less than initial_interval");
        }
        if (!(backoffCoefficient >= 1 && backoffCoefficient <= 100)) {
            throw new InvalidInputException("retry.backoff_coefficient", "must be between 1 and 100");
        }
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new InvalidInputException("retry.jitter", "must be between 0 and 1");
        }
        retryOn = retryOn == null ? DEFAULT_RETRY_ON : Set.copyOf(retryOn);
    }

    private static void requireInterval(Duration interval, String field) {
        if (interval == null || interval.isNegative() || interval.isZero() || interval.compareTo(MAX_INTERVAL) > 0) {
            throw new InvalidInputException(field, "must be greater than 0 and at most " + MAX_INTERVAL.toSeconds() + " seconds");
        }
    }

    /** Whether a step that failed so after {@code attemptsMade} attempts is tried again. */
    public boolean retries(Failure failure, int attemptsMade) {
        return failure != null && attemptsMade < maxAttempts && retryOn.contains(failure);
    }

    /**
     * The wait before the attempt after {@code attemptsMade}: the back-off, spread by the jitter
     * ({@code random} in [0, 1)), or the receiver's {@code retryAfter} when it gave one; never above
     * {@code maxInterval}.
     */
    public Duration delayAfter(int attemptsMade, Duration retryAfter, double random) {
        if (retryAfter != null && !retryAfter.isNegative()) {
            return min(retryAfter, maxInterval);
        }
        double base = initialInterval.toNanos() * Math.pow(backoffCoefficient, attemptsMade - 1);
        double spread = base * (1 + jitter * (2 * random - 1));
        return min(Duration.ofNanos((long) Math.min(spread, Long.MAX_VALUE)), maxInterval);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
