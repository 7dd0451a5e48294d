package io.workflow.domain.run;

/**
 * The life of a run: {@code pending -> running -> success | failed}. A pending run may also fail
 * without running (it could not be dispatched), and a pending or running run may be cancelled.
 * No worker moves a terminal run again; only a person may, by retrying a failed or cancelled one
 * ({@link Run#retry}).
 */
public enum RunStatus {
    PENDING, RUNNING, SUCCESS, FAILED, CANCELLED;

    public boolean isTerminal() {
        return this == SUCCESS || this == FAILED || this == CANCELLED;
    }

    public boolean canBecome(RunStatus next) {
        return switch (this) {
            case PENDING -> next == RUNNING || next == FAILED || next == CANCELLED;
            case RUNNING -> next == SUCCESS || next == FAILED || next == CANCELLED;
            case SUCCESS, FAILED, CANCELLED -> false;
        };
    }

    /** Whether a run that ended so may be tried again from the step that did not succeed. */
    public boolean canBeRetried() {
        return this == FAILED || this == CANCELLED;
    }
}
