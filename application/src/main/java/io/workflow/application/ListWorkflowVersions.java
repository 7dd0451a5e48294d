package io.workflow.application;

import io.workflow.domain.page.Page;
import io.workflow.domain.page.PageRequest;
import io.workflow.domain.workflow.Workflow;

import java.util.UUID;

/** Lists a workflow's versions. */
@FunctionalInterface
public interface ListWorkflowVersions {

    /** A page of the versions of {@code tenant}'s workflow {@code uuid}, newest first; {@link io.workflow.domain.NotFoundException} when it has none. */
    Page<Workflow> versions(String tenant, UUID uuid, PageRequest page);
}
