package io.workflow.domain.run;

/** A status change that the run's life does not allow, such as {@code success -> running}. */
public final class IllegalTransitionException extends IllegalStateException {
    public IllegalTransitionException(RunStatus from, RunStatus to) {
        super("a " + from.wireName() + " run cannot become " + to.wireName());
    }
}
