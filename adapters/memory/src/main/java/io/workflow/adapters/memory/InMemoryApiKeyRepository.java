package io.workflow.adapters.memory;

import io.workflow.domain.auth.ApiKey;
import io.workflow.domain.port.ApiKeyRepository;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** API keys in a concurrent map, by hash (as the table's unique index). */
public final class InMemoryApiKeyRepository implements ApiKeyRepository {
    private final Map<String, ApiKey> byHash = new ConcurrentHashMap<>();
    private final Map<UUID, String> hashById = new ConcurrentHashMap<>();

    @Override
    public synchronized void insert(ApiKey key) {
        if (byHash.containsKey(key.hash()) || hashById.containsKey(key.id())) {
            throw new IllegalStateException("API key " + key.id() + " (or its hash) already exists");
        }
        byHash.put(key.hash(), key);
        hashById.put(key.id(), key.hash());
    }

    @Override
    public Optional<ApiKey> findByHash(String hash) {
        return Optional.ofNullable(byHash.get(hash));
    }

    @Override
    public List<ApiKey> list() {
        return byHash.values().stream()
                .sorted(Comparator.comparing(ApiKey::createdAt).thenComparing(ApiKey::id))
                .toList();
    }

    @Override
    public synchronized Optional<ApiKey> revoke(UUID id, Instant at) {
        String hash = hashById.get(id);
        if (hash == null) {
            return Optional.empty();
        }
        ApiKey key = byHash.get(hash);
        if (!key.isRevoked()) {
            key = new ApiKey(key.id(), key.tenant(), key.scopes(), key.name(), key.hash(), key.createdAt(), at);
            byHash.put(hash, key);
        }
        return Optional.of(key);
    }
}
