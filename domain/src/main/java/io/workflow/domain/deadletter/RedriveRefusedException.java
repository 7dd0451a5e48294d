package io.workflow.domain.deadletter;

/**
 * A dead letter that cannot be sent through again, and was left as it was: its event is still
 * unreadable ({@link Why#UNREADABLE}), the run it names still cannot be loaded
 * ({@link Why#RUN_NOT_LOADABLE}), or it was sent through already ({@link Why#ALREADY_REDRIVEN}).
 */
public final class RedriveRefusedException extends RuntimeException {
    /** Why the redrive was refused. */
    public enum Why { UNREADABLE, RUN_NOT_LOADABLE, ALREADY_REDRIVEN }

    private final Why why;

    public RedriveRefusedException(Why why, String message) {
        super(message);
        this.why = why;
    }

    public Why why() {
        return why;
    }
}
