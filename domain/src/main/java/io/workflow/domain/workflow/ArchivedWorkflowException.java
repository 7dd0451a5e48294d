package io.workflow.domain.workflow;

import java.time.Instant;
import java.util.UUID;

/** A workflow that was archived cannot start runs any more (its existing runs are unaffected). */
public final class ArchivedWorkflowException extends RuntimeException {
    public ArchivedWorkflowException(UUID uuid, Instant archivedAt) {
        super("workflow " + uuid + " was archived at " + archivedAt + " and starts no new runs", null, false, false);
    }
}
