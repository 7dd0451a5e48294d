package io.workflow.application.service;

import io.workflow.application.ArchiveWorkflow;
import io.workflow.domain.NotFoundException;
import io.workflow.domain.port.WorkflowRepository;
import io.workflow.domain.workflow.Workflow;

import java.time.Clock;
import java.util.UUID;

/**
 * Archives a workflow in the store and writes the archived workflow to the cache, so every replica's
 * next trigger of it (which reads the cache first) refuses at once rather than after the entry expires.
 */
public final class ArchiveWorkflowService implements ArchiveWorkflow {
    private final WorkflowRepository workflows;
    private final CacheAside<Workflow> cache;
    private final Clock clock;

    public ArchiveWorkflowService(WorkflowRepository workflows, CacheAside<Workflow> cache, Clock clock) {
        this.workflows = workflows;
        this.cache = cache;
        this.clock = clock;
    }

    @Override
    public Workflow archive(UUID uuid) {
        Workflow archived = workflows.archive(uuid, clock.instant()).orElseThrow(() -> new NotFoundException("workflow", uuid));
        cache.written(uuid, archived);
        return archived;
    }
}
