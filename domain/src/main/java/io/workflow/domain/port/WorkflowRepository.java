package io.workflow.domain.port;

import io.workflow.domain.page.Page;
import io.workflow.domain.workflow.Workflow;
import io.workflow.domain.workflow.WorkflowQuery;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Where workflows are kept. Every method throws {@link StoreUnavailableException} when the store cannot be reached. */
public interface WorkflowRepository {

    /** Stores a new workflow. */
    void save(Workflow workflow);

    /** The workflow with this uuid, if any (archived ones included). */
    Optional<Workflow> findById(UUID uuid);

    /**
     * A page of the workflows that are not archived, newest first (creation time, then uuid, both
     * descending), honouring the request's byte budget as this store measures a definition: a page
     * stops before the workflow that would take it past the budget (holding at least one).
     */
    Page<Workflow> list(WorkflowQuery query);

    /**
     * Marks the workflow archived at {@code at} unless it already is; returns the workflow as stored
     * afterwards (with the first archive time), or empty when there is none with this uuid.
     */
    Optional<Workflow> archive(UUID uuid, Instant at);
}
