package io.workflow.application.service;

import io.workflow.application.GetWorkflow;
import io.workflow.domain.NotFoundException;
import io.workflow.domain.port.WorkflowRepository;
import io.workflow.domain.workflow.Workflow;

import java.util.UUID;

/** Reads a workflow, cache first. */
public final class GetWorkflowService implements GetWorkflow {
    private final WorkflowRepository workflows;
    private final CacheAside<Workflow> cache;

    public GetWorkflowService(WorkflowRepository workflows, CacheAside<Workflow> cache) {
        this.workflows = workflows;
        this.cache = cache;
    }

    @Override
    public Workflow get(UUID uuid) {
        return cache.read(uuid, workflows::findById).orElseThrow(() -> new NotFoundException("workflow", uuid));
    }
}
