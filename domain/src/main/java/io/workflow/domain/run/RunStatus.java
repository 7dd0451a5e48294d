package io.workflow.domain.run;

/**
 * The life of a run: {@code pending -> running -> success | failed}. A pending run may also fail
 * without running (it could not be dispatched). Terminal statuses never change again.
 */
public enum RunStatus {
    PENDING, RUNNING, SUCCESS, FAILED;

    public boolean isTerminal() {
        return this == SUCCESS || this == FAILED;
    }

    public boolean canBecome(RunStatus next) {
        return switch (this) {
            case PENDING -> next == RUNNING || next == FAILED;
            case RUNNING -> next == SUCCESS || next == FAILED;
            case SUCCESS, FAILED -> false;
        };
    }
}
