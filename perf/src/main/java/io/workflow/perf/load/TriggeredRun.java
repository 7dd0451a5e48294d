package io.workflow.perf.load;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * A run the flow triggered, followed until it is seen terminal. Touched by one thread at a time: its user's
 * thread, then (after that thread ended) one poller thread per round.
 */
public final class TriggeredRun {

    /** The fields of a run document that {@link #observe} needs. */
    static final String[] FIELDS = {"status", "started_at", "completed_at"};

    private final String runId;
    private final long triggerSentNanos;
    private String status = "pending";
    private long terminalSeenNanos;
    private Double serverDurationMs;

    TriggeredRun(String runId, long triggerSentNanos) {
        this.runId = runId;
        this.triggerSentNanos = triggerSentNanos;
    }

    String runId() {
        return runId;
    }

    String status() {
        return status;
    }

    boolean isTerminal() {
        return terminalSeenNanos != 0;
    }

    /** Nanoseconds from sending the trigger to first seeing the run terminal. */
    long triggerToTerminalNanos() {
        return terminalSeenNanos - triggerSentNanos;
    }

    Double serverDurationMs() {
        return serverDurationMs;
    }

    /** Takes in the fields of a run document as the service returned it at {@code seenNanos}. */
    void observe(Map<String, String> run, long seenNanos) {
        String observed = run.getOrDefault("status", "");
        if (observed.isEmpty() || isTerminal()) {
            return;
        }
        status = observed;
        if (observed.equals("success") || observed.equals("failed") || observed.equals("cancelled")) {
            terminalSeenNanos = seenNanos;
            Instant started = timestamp(run.get("started_at"));
            Instant completed = timestamp(run.get("completed_at"));
            if (started != null && completed != null && !completed.isBefore(started)) {
                serverDurationMs = Duration.between(started, completed).toNanos() / 1e6;
            }
        }
    }

    /** ISO-8601 with or without an offset; without one the service means UTC. */
    public static Instant timestamp(String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException unparsable) {
                return null;
            }
        }
    }
}
