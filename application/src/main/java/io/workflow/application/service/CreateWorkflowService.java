package io.workflow.application.service;

import io.workflow.application.CreateWorkflow;
import io.workflow.domain.TimeOrderedIds;
import io.workflow.domain.port.WorkflowRepository;
import io.workflow.domain.workflow.Workflow;

import java.time.Clock;
import java.time.Instant;

/** Creates a workflow from a validated command, stores and caches it. */
public final class CreateWorkflowService implements CreateWorkflow {
    private final WorkflowRepository workflows;
    private final CacheAside<Workflow> cache;
    private final Clock clock;

    public CreateWorkflowService(WorkflowRepository workflows, CacheAside<Workflow> cache, Clock clock) {
        this.workflows = workflows;
        this.cache = cache;
        this.clock = clock;
    }

    @Override
    public Workflow create(Command command) {
        Instant now = clock.instant();
        Workflow workflow = new Workflow(TimeOrderedIds.next(now), command.clientId(), command.name(),
                command.description(), command.steps(), now, command.tenant());
        workflows.save(workflow);
        cache.written(workflow.uuid(), workflow);
        return workflow;
    }
}
