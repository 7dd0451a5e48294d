package io.workflow.application;

import io.workflow.domain.run.Run;

import io.workflow.domain.auth.Tenants;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** Starts a run of a workflow. */
@FunctionalInterface
public interface TriggerRun {

    /** A run to start: the workflow and the payload its steps may refer to (none: an empty payload). */
    record Command(UUID workflowId, Map<String, ?> payload, String tenant) {
        public Command {
            Objects.requireNonNull(workflowId, "workflowId");
            Objects.requireNonNull(tenant, "tenant");
            payload = payload == null ? Map.of() : payload;
        }

        /** A run for the {@link Tenants#DEFAULT default tenant}. */
        public Command(UUID workflowId, Map<String, ?> payload) {
            this(workflowId, payload, Tenants.DEFAULT);
        }

        /** The same run, asked for by {@code tenant}: it may only run that tenant's workflows. */
        public Command of(String tenant) {
            return new Command(workflowId, payload, tenant);
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
