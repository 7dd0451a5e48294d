package io.workflow.domain.port;

import io.workflow.domain.auth.ApiKey;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Where API keys are kept (as hashes). Every method throws {@link StoreUnavailableException} when the store cannot be reached. */
public interface ApiKeyRepository {

    /** Stores a new key; its hash is unique. */
    void insert(ApiKey key);

    /** The key, revoked or not, whose hash is {@code hash}, if any. */
    Optional<ApiKey> findByHash(String hash);

    /** Every key, revoked ones included, oldest first. */
    List<ApiKey> list();

    /** Marks the key revoked at {@code at} unless it already is; returns the key as it is now, empty for an unknown id. */
    Optional<ApiKey> revoke(UUID id, Instant at);
}
