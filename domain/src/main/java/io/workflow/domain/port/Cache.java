package io.workflow.domain.port;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * A cache of values by id. A cache is an optimisation: an implementation whose backend is down
 * answers "not cached" and ignores writes instead of failing the request.
 */
public interface Cache<V> {

    /** The cached value, if present and not expired. */
    Optional<V> get(UUID id);

    /** Caches the value for {@code ttl}. */
    void put(UUID id, V value, Duration ttl);

    /**
     * Caches the value for {@code ttl} unless the id is cached already, in one step: what a reader
     * that missed puts back, so that it never overwrites a newer value a writer cached meanwhile.
     */
    void putIfAbsent(UUID id, V value, Duration ttl);

    /** Drops the entry, if any. */
    void evict(UUID id);
}
