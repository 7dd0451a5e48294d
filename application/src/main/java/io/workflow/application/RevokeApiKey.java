package io.workflow.application;

import io.workflow.domain.auth.ApiKey;

import java.util.UUID;

/** Withdraws an API key. */
@FunctionalInterface
public interface RevokeApiKey {

    /**
     * The key, revoked: every replica refuses it within its key cache's lifetime (a few seconds).
     * Idempotent; {@link io.workflow.domain.NotFoundException} for an unknown id.
     */
    ApiKey revoke(UUID id);
}
