package io.workflow.domain.port;

import io.workflow.domain.workflow.Workflow;

import java.util.Optional;
import java.util.UUID;

/** Where workflows are kept. Every method throws {@link StoreUnavailableException} when the store cannot be reached. */
public interface WorkflowRepository {

    /** Stores a new workflow. */
    void save(Workflow workflow);

    /** The workflow with this uuid, if any. */
    Optional<Workflow> findById(UUID uuid);
}
