package io.workflow.domain.port;

import io.workflow.domain.workflow.SigningSecrets;

import java.util.Optional;
import java.util.UUID;

/** The webhook signing secrets of workflows, by workflow uuid. */
public interface SigningSecretRepository {

    /** Stores the workflow's secrets, replacing those it had. */
    void save(UUID workflowId, SigningSecrets secrets);

    /** The workflow's secrets; empty for a workflow that has none (created before webhooks were signed). */
    Optional<SigningSecrets> find(UUID workflowId);
}
