package io.workflow.application;

/**
 * What a worker does, every fraction of a second, for the runs nobody holds whose time has come: a
 * durable timer that is due (a long delay over, a retry's back-off done) or a lease that ran out
 * (the worker holding the run died). It claims a batch and goes on with each.
 */
@FunctionalInterface
public interface WakeDueRuns {

    /** Claims the runs due now, as many as this worker has room for, and starts each; how many it started. */
    int wake();
}
