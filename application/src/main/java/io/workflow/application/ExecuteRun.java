package io.workflow.application;

import java.util.UUID;

/** What a worker does with a dispatched run. */
@FunctionalInterface
public interface ExecuteRun {

    /** What became of one call. */
    enum Outcome {
        /** This call executed the run to a terminal status. */
        EXECUTED,
        /** The run was already finished. */
        ALREADY_FINISHED,
        /** Another worker holds the run, or took it over midway. */
        HELD_ELSEWHERE,
        /** No such run. */
        NOT_FOUND,
        /** The calling thread was interrupted midway; the run was left for a later attempt. */
        INTERRUPTED,
        /** The run was parked on a durable timer: a worker goes on with it when it is due. */
        WAITING
    }

    /** Executes the run if it is this worker's to execute; safe to call again for the same run. */
    Outcome execute(UUID runId);
}
