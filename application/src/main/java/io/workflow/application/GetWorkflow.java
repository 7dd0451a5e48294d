package io.workflow.application;

import io.workflow.domain.NotFoundException;
import io.workflow.domain.workflow.Workflow;

import java.util.UUID;

/** Reads a workflow. */
@FunctionalInterface
public interface GetWorkflow {

    /** The workflow, or {@link io.workflow.domain.NotFoundException}. */
    Workflow get(UUID uuid);

    /**
     * The workflow if {@code tenant} owns it; {@link io.workflow.domain.NotFoundException} otherwise,
     * the same answer as for an unknown one.
     */
    default Workflow get(String tenant, UUID uuid) {
        Workflow workflow = get(uuid);
        if (!workflow.tenant().equals(tenant)) {
            throw new NotFoundException("workflow", uuid);
        }
        return workflow;
    }
}
