package io.workflow.adapters.kafka;

import io.workflow.domain.deadletter.UnreadableEventException;
import io.workflow.domain.port.TriggerEventReader;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Reads a dead letter's text as the workers read a trigger record, so a redrive judges it by the same rules. */
public final class KafkaTriggerEventReader implements TriggerEventReader {

    @Override
    public UUID runId(String payload) throws UnreadableEventException {
        try {
            return TriggerEvent.parse(payload == null ? null : payload.getBytes(StandardCharsets.UTF_8)).runId();
        } catch (TriggerEvent.Unreadable e) {
            throw new UnreadableEventException(e.getMessage());
        }
    }
}
