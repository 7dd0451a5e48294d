package io.workflow.application;

import io.workflow.domain.workflow.Workflow;

import java.util.UUID;

/** Gives a workflow a new definition: its next version. */
@FunctionalInterface
public interface ReviseWorkflow {

    /**
     * Stores {@code command}'s definition as the next version of {@code tenant}'s workflow {@code uuid}
     * and returns it. {@link io.workflow.domain.NotFoundException} for an unknown workflow or another
     * tenant's; {@link io.workflow.domain.workflow.ArchivedWorkflowException} for an archived one.
     */
    Workflow revise(String tenant, UUID uuid, CreateWorkflow.Command command);
}
