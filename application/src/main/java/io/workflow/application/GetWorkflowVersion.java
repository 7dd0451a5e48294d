package io.workflow.application;

import io.workflow.domain.workflow.Workflow;

import java.util.UUID;

/** Reads one version of a workflow. */
@FunctionalInterface
public interface GetWorkflowVersion {

    /** Version {@code version} of {@code tenant}'s workflow {@code uuid}; {@link io.workflow.domain.NotFoundException} when either is unknown. */
    Workflow version(String tenant, UUID uuid, int version);
}
