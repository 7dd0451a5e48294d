package io.workflow.application.service;

import io.workflow.application.CreateWorkflow;
import io.workflow.application.GetWorkflow;
import io.workflow.application.GetWorkflowVersion;
import io.workflow.application.ListWorkflowVersions;
import io.workflow.application.ReviseWorkflow;
import io.workflow.domain.NotFoundException;
import io.workflow.domain.page.Page;
import io.workflow.domain.page.PageRequest;
import io.workflow.domain.port.WebhookHostCheck;
import io.workflow.domain.port.WorkflowRepository;
import io.workflow.domain.workflow.ArchivedWorkflowException;
import io.workflow.domain.workflow.Workflow;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * A workflow's versions: revising it (validated as a new workflow is, and then written to the cache,
 * so every replica's next trigger reads the new version rather than the old one until its entry
 * expires), and reading the versions it has had. Each first checks that the caller's tenant owns it.
 */
public final class WorkflowVersionsService implements ReviseWorkflow, ListWorkflowVersions, GetWorkflowVersion {
    private final WorkflowRepository workflows;
    private final GetWorkflow getWorkflow;
    private final CacheAside<Workflow> cache;
    private final Clock clock;
    private final WebhookHostCheck webhookHosts;

    public WorkflowVersionsService(WorkflowRepository workflows, CacheAside<Workflow> cache, Clock clock,
                                   WebhookHostCheck webhookHosts) {
        this.workflows = workflows;
        this.getWorkflow = new GetWorkflowService(workflows, cache);
        this.cache = cache;
        this.clock = clock;
        this.webhookHosts = webhookHosts;
    }

    @Override
    public Workflow revise(String tenant, UUID uuid, CreateWorkflow.Command command) {
        Workflow current = getWorkflow.get(tenant, uuid).requireActive();
        CreateWorkflowService.checkWebhookHosts(webhookHosts, command.steps());
        Instant now = clock.instant();
        // The client's label stays unless the new definition gives one.
        Workflow revised = new Workflow(uuid, command.clientId() == null ? current.id() : command.clientId(),
                command.name(), command.description(), command.steps(), current.createdAt(), command.retry(),
                command.timeout(), null, current.tenant(), current.version() + 1, command.payloadSchema());
        Workflow stored = workflows.revise(revised, now).orElseGet(() -> {
            // Archived (or gone) since it was read: the cache may still hold it active.
            cache.changed(uuid);
            Workflow archived = workflows.findById(uuid).orElseThrow(() -> new NotFoundException("workflow", uuid));
            throw new ArchivedWorkflowException(uuid, archived.archivedAt());
        });
        cache.written(uuid, stored);
        return stored;
    }

    @Override
    public Page<Workflow> versions(String tenant, UUID uuid, PageRequest page) {
        getWorkflow.get(tenant, uuid);
        return workflows.versions(uuid, page);
    }

    @Override
    public Workflow version(String tenant, UUID uuid, int version) {
        getWorkflow.get(tenant, uuid);
        return workflows.findVersion(uuid, version).orElseThrow(() -> new NotFoundException("workflow version", version));
    }
}
