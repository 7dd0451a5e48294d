package io.workflow.application;

import io.workflow.domain.NotFoundException;
import io.workflow.domain.port.WorkflowRepository;
import io.workflow.domain.workflow.Workflow;

import java.util.UUID;

/** Reads a workflow, cache first. */
public final class GetWorkflow {
    private final WorkflowRepository workflows;
    private final CacheAside<Workflow> cache;

    public GetWorkflow(WorkflowRepository workflows, CacheAside<Workflow> cache) {
        this.workflows = workflows;
        this.cache = cache;
    }

    /** The workflow, or {@link NotFoundException}. */
    public Workflow get(UUID uuid) {
        return cache.read(uuid, workflows::findById).orElseThrow(() -> new NotFoundException("workflow", uuid));
    }
}
