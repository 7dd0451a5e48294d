package io.workflow.domain.run;

import java.util.Locale;

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

    /** The wire name: lower case. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire name; {@code null} when it is none of the four. */
    public static RunStatus fromWireName(String value) {
        for (RunStatus status : values()) {
            if (status.wireName().equals(value)) {
                return status;
            }
        }
        return null;
    }
}
