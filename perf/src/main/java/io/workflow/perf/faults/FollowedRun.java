package io.workflow.perf.faults;

import java.time.Duration;
import java.time.Instant;

/**
 * A run the service accepted (a 2xx with its id), followed until it is seen terminal: read first one second after its
 * acceptance, then at intervals that double up to a longest one, so that a long outage with many open runs does not
 * turn the follower into a load of its own. When a run ended comes from the service ({@code completed_at}), so the
 * reading interval costs no precision.
 */
final class FollowedRun {

    private static final Duration FIRST_READ_AFTER = Duration.ofSeconds(1);

    private final String runId;
    private final Instant acceptedAt;
    private volatile String status = "pending";
    private volatile Instant completedAt;
    private Duration interval = FIRST_READ_AFTER;
    private Instant nextRead;

    FollowedRun(String runId, Instant acceptedAt) {
        this.runId = runId;
        this.acceptedAt = acceptedAt;
        this.nextRead = acceptedAt.plus(FIRST_READ_AFTER);
    }

    /** Whether the run is due for a read at {@code now}. */
    synchronized boolean isDue(Instant now) {
        return !now.isBefore(nextRead);
    }

    /** Schedules the next read: the interval doubles, up to {@code longest}. */
    synchronized void read(Instant now, Duration longest) {
        interval = interval.multipliedBy(2).compareTo(longest) > 0 ? longest : interval.multipliedBy(2);
        nextRead = now.plus(interval);
    }

    String runId() {
        return runId;
    }

    Instant acceptedAt() {
        return acceptedAt;
    }

    String status() {
        return status;
    }

    /** When the service says the run ended (its {@code completed_at}), else when it was first seen ended. */
    Instant completedAt() {
        return completedAt;
    }

    boolean isTerminal() {
        return completedAt != null;
    }

    boolean succeeded() {
        return "success".equals(status);
    }

    /** Takes in a status read from the service; a terminal run keeps its first terminal reading. */
    void observe(String observed, Instant serverCompletedAt, Instant seenAt) {
        if (isTerminal() || observed == null || observed.isEmpty()) {
            return;
        }
        status = observed;
        if (observed.equals("success") || observed.equals("failed") || observed.equals("cancelled")) {
            completedAt = serverCompletedAt != null ? serverCompletedAt : seenAt;
        }
    }
}
