package io.workflow.application;

import io.workflow.domain.workflow.Workflow;

import java.util.UUID;

/** Archives a workflow: it starts no more runs; it and its runs stay readable. */
@FunctionalInterface
public interface ArchiveWorkflow {

    /** The workflow as archived (archiving again keeps the first time), or {@link io.workflow.domain.NotFoundException}. */
    Workflow archive(UUID uuid);
}
