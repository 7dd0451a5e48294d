package io.workflow.application.service;

import io.workflow.domain.port.Cache;
import io.workflow.domain.run.Run;
import io.workflow.domain.workflow.Workflow;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The cache-aside policy, in one place: read the cache, on a miss load from the store and cache
 * what may be cached. Workflows never change, so they are cached for {@link #WORKFLOW_TTL}. A run
 * is cached for {@link #RUN_TTL} on creation and dropped whenever its status changes; after a
 * miss only a terminal run is put back, because a live run read from the store may already be
 * stale by the time it reaches the cache (its worker may have moved it on meanwhile).
 */
public final class CacheAside<V> {
    public static final Duration WORKFLOW_TTL = Duration.ofSeconds(60);
    public static final Duration RUN_TTL = Duration.ofSeconds(10);

    private final Cache<V> cache;
    private final Duration ttl;
    private final Predicate<V> cacheableAfterMiss;

    private CacheAside(Cache<V> cache, Duration ttl, Predicate<V> cacheableAfterMiss) {
        this.cache = cache;
        this.ttl = ttl;
        this.cacheableAfterMiss = cacheableAfterMiss;
    }

    public static CacheAside<Workflow> forWorkflows(Cache<Workflow> cache) {
        return new CacheAside<>(cache, WORKFLOW_TTL, workflow -> true);
    }

    public static CacheAside<Run> forRuns(Cache<Run> cache) {
        return new CacheAside<>(cache, RUN_TTL, run -> run.status().isTerminal());
    }

    /** The value by id: from the cache, else from {@code loader} (and then cached when allowed). */
    public Optional<V> read(UUID id, Function<UUID, Optional<V>> loader) {
        Optional<V> cached = cache.get(id);
        if (cached.isPresent()) {
            return cached;
        }
        Optional<V> loaded = loader.apply(id);
        // Only if still absent: a writer may have cached a newer value since the load (a PUT's new
        // version, say), which the value loaded before it must not replace.
        loaded.filter(cacheableAfterMiss).ifPresent(value -> cache.putIfAbsent(id, value, ttl));
        return loaded;
    }

    /** Caches a value just written to the store. */
    public void written(UUID id, V value) {
        cache.put(id, value, ttl);
    }

    /** Drops a value whose stored state changed. */
    public void changed(UUID id) {
        cache.evict(id);
    }
}
