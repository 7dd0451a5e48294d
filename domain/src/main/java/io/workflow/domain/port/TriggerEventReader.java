package io.workflow.domain.port;

import io.workflow.domain.deadletter.UnreadableEventException;

import java.util.UUID;

/** Reads the run a trigger event names, as the workers read it: how a dead letter is tried again. */
@FunctionalInterface
public interface TriggerEventReader {

    /** The run id in the event whose text is {@code payload}; {@link UnreadableEventException} says why there is none. */
    UUID runId(String payload) throws UnreadableEventException;
}
