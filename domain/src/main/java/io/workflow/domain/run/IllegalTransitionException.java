package io.workflow.domain.run;

import java.util.Locale;

/** A status change that the run's life does not allow, such as {@code success -> running}. */
public final class IllegalTransitionException extends IllegalStateException {
    public IllegalTransitionException(RunStatus from, RunStatus to) {
        super("a " + from.name().toLowerCase(Locale.ROOT) + " run cannot become " + to.name().toLowerCase(Locale.ROOT));
    }
}
