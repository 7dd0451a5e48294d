package io.workflow.application;

/** Hands again to the workers the runs that nobody is moving forward. */
@FunctionalInterface
public interface RecoverStrandedRuns {

    /** One sweep; returns how many runs were dispatched again. */
    int recover();
}
