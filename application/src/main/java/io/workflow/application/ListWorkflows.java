package io.workflow.application;

import io.workflow.domain.page.Page;
import io.workflow.domain.workflow.Workflow;
import io.workflow.domain.workflow.WorkflowQuery;

/** Lists the workflows that are not archived, newest first, a page at a time. */
@FunctionalInterface
public interface ListWorkflows {

    /** The page the query asks for; {@link Page#next()} is where the next page starts (null on the last). */
    Page<Workflow> list(WorkflowQuery query);
}
