package io.workflow.domain.deadletter;

/** A trigger event's text that names no run; the message says why. */
public final class UnreadableEventException extends Exception {
    public UnreadableEventException(String reason) {
        super(reason, null, false, false);
    }
}
