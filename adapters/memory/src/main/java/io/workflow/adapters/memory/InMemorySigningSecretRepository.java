package io.workflow.adapters.memory;

import io.workflow.domain.port.SigningSecretRepository;
import io.workflow.domain.workflow.SigningSecrets;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Signing secrets in a concurrent map. */
public final class InMemorySigningSecretRepository implements SigningSecretRepository {
    private final Map<UUID, SigningSecrets> secrets = new ConcurrentHashMap<>();

    @Override
    public void save(UUID workflowId, SigningSecrets secrets) {
        this.secrets.put(workflowId, secrets);
    }

    @Override
    public Optional<SigningSecrets> find(UUID workflowId) {
        return Optional.ofNullable(secrets.get(workflowId));
    }
}
