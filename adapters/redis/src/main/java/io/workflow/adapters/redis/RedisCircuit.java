package io.workflow.adapters.redis;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A circuit breaker in front of Redis, shared by every cache on one connection. After a failure it
 * opens for the back-off, and calls skip Redis instead of each paying a timeout; then exactly one
 * call goes through as a probe, and its success closes the circuit again, so the cache recovers by
 * itself. Failures are logged at most once per {@link #WARNING_INTERVAL}.
 */
final class RedisCircuit {
    static final Duration WARNING_INTERVAL = Duration.ofSeconds(5);

    private static final Logger LOG = Logger.getLogger(RedisCircuit.class.getName());
    private static final long CLOSED = Long.MIN_VALUE;

    private final long backoffNanos;
    private final Runnable onOpen;
    /** {@link #CLOSED}, or the {@link System#nanoTime()} from which the next probe may go through. */
    private final AtomicLong openUntil = new AtomicLong(CLOSED);
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARNING_INTERVAL.toNanos());

    /** {@code onOpen} runs each time a failure opens the circuit (to drop pooled connections that may be dead). */
    RedisCircuit(Duration backoff, Runnable onOpen) {
        this.backoffNanos = backoff.toNanos();
        this.onOpen = onOpen;
    }

    /** Whether this call may use Redis: the circuit is closed, or this call is the one probe after the back-off. */
    boolean allowsCall() {
        long until = openUntil.get();
        if (until == CLOSED) {
            return true;
        }
        long now = System.nanoTime();
        // Claiming the probe pushes the deadline on, so concurrent callers keep skipping meanwhile.
        return now - until >= 0 && openUntil.compareAndSet(until, now + backoffNanos);
    }

    void succeeded() {
        if (openUntil.get() != CLOSED && openUntil.getAndSet(CLOSED) != CLOSED) {
            LOG.info("Redis answers again; cache back in use");
        }
    }

    void failed(String operation, RuntimeException e) {
        openUntil.set(System.nanoTime() + backoffNanos);
        warn(() -> "Redis " + operation + " failed, skipping the cache for " + Duration.ofNanos(backoffNanos).toMillis()
                + " ms: " + e);
        try {
            onOpen.run();
        } catch (RuntimeException ignored) {
            // Best effort: the next probe finds out anyway whether Redis is back.
        }
    }

    /** Logs a warning unless one was logged within the last {@link #WARNING_INTERVAL}. */
    void warn(Supplier<String> message) {
        long now = System.nanoTime();
        long last = lastWarning.get();
        if (now - last >= WARNING_INTERVAL.toNanos() && lastWarning.compareAndSet(last, now)) {
            LOG.log(Level.WARNING, message);
        }
    }
}
