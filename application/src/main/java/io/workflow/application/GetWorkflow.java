package io.workflow.application;

import io.workflow.domain.workflow.Workflow;

import java.util.UUID;

/** Reads a workflow. */
@FunctionalInterface
public interface GetWorkflow {

    /** The workflow, or {@link io.workflow.domain.NotFoundException}. */
    Workflow get(UUID uuid);
}
