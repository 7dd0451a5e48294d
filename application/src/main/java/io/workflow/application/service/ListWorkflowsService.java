package io.workflow.application.service;

import io.workflow.application.ListWorkflows;
import io.workflow.domain.page.Page;
import io.workflow.domain.port.WorkflowRepository;
import io.workflow.domain.workflow.Workflow;
import io.workflow.domain.workflow.WorkflowQuery;

/** Lists workflows straight from the store: a page is never cached (it changes with every creation). */
public final class ListWorkflowsService implements ListWorkflows {
    private final WorkflowRepository workflows;

    public ListWorkflowsService(WorkflowRepository workflows) {
        this.workflows = workflows;
    }

    @Override
    public Page<Workflow> list(WorkflowQuery query) {
        return workflows.list(query);
    }
}
