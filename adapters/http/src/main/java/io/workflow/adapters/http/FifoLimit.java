package io.workflow.adapters.http;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * At most {@code permits} holders at once; the rest wait in first-come order, at most
 * {@code queueLength} of them, each at most {@code queueTimeout}. Every step is O(1): the waiters are
 * counted as they come and go, where a fair {@link Semaphore}'s {@code getQueueLength()} (which
 * Helidon's own limit asks on every acquire) walks the whole queue, thousands of waiters under
 * 10,000 users.
 */
final class FifoLimit {
    private final Semaphore permits;
    private final int queueLength;
    private final long queueTimeoutNanos;
    private final AtomicInteger waiting = new AtomicInteger();

    FifoLimit(int permits, int queueLength, Duration queueTimeout) {
        if (permits < 1 || queueLength < 0 || queueTimeout.isNegative()) {
            throw new IllegalArgumentException("permits must be at least 1, the queue's length and time-out not negative");
        }
        this.permits = new Semaphore(permits, true);
        this.queueLength = queueLength;
        this.queueTimeoutNanos = queueTimeout.toNanos();
    }

    /**
     * A permit, at once when one is free and nobody waits ahead, else after waiting in line; false
     * when the line is full, the wait ran out, or the thread was interrupted (its flag kept).
     */
    boolean acquire() {
        try {
            // With a fair semaphore a timed tryAcquire, unlike the untimed one, never barges ahead of waiters.
            if (permits.tryAcquire(0, TimeUnit.NANOSECONDS)) {
                return true;
            }
            if (waiting.incrementAndGet() > queueLength) {
                waiting.decrementAndGet();
                return false;
            }
            try {
                return permits.tryAcquire(queueTimeoutNanos, TimeUnit.NANOSECONDS);
            } finally {
                waiting.decrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Gives back a permit that {@link #acquire} granted. */
    void release() {
        permits.release();
    }

    /** Requests waiting in line now. */
    int waiting() {
        return waiting.get();
    }
}
