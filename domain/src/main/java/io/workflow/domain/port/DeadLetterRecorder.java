package io.workflow.domain.port;

import io.workflow.domain.deadletter.DeadLetter;

/** Where a worker puts the trigger events it cannot process. */
@FunctionalInterface
public interface DeadLetterRecorder {

    /**
     * Keeps {@code letter} unless one from the same source position (source, partition, offset) is
     * kept already; returns whether this call stored it. Throws {@link StoreUnavailableException}
     * when the store cannot be reached: then nothing is kept and the caller must try again.
     */
    boolean record(DeadLetter letter);
}
