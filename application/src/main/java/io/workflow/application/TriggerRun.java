package io.workflow.application;

import io.workflow.domain.run.Run;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** Starts a run of a workflow. */
@FunctionalInterface
public interface TriggerRun {

    /** A run to start: the workflow and the payload its steps may refer to (none: an empty payload). */
    record Command(UUID workflowId, Map<String, ?> payload) {
        public Command {
            Objects.requireNonNull(workflowId, "workflowId");
            payload = payload == null ? Map.of() : payload;
        }
    }

    /**
     * Stores the run and hands it to the workers; {@link io.workflow.domain.NotFoundException} for an
     * unknown workflow, {@link io.workflow.domain.workflow.ArchivedWorkflowException} for an archived one,
     * {@link io.workflow.domain.InvalidInputException} (naming every path) for a payload
     * that lacks what the workflow's placeholders need, {@link io.workflow.domain.port.RunDispatcher.DispatchException} when it could not start.
     */
    Run trigger(Command command);
}
