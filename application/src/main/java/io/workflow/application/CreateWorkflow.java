package io.workflow.application;

import io.workflow.domain.TimeOrderedIds;
import io.workflow.domain.port.WorkflowRepository;
import io.workflow.domain.workflow.Workflow;
import io.workflow.domain.workflow.WorkflowDocument;

import java.time.Clock;
import java.time.Instant;

/** Creates a workflow from a client's request and caches it. */
public final class CreateWorkflow {
    private final WorkflowRepository workflows;
    private final CacheAside<Workflow> cache;
    private final Clock clock;

    public CreateWorkflow(WorkflowRepository workflows, CacheAside<Workflow> cache, Clock clock) {
        this.workflows = workflows;
        this.cache = cache;
        this.clock = clock;
    }

    /** Validates the request body (a JSON value as plain Java objects), stores and returns the workflow. */
    public Workflow create(Object requestBody) {
        Instant now = clock.instant();
        Workflow workflow = WorkflowDocument.fromRequest(requestBody, TimeOrderedIds.next(now), now);
        workflows.save(workflow);
        cache.written(workflow.uuid(), workflow);
        return workflow;
    }
}
