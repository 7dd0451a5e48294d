package io.workflow.bootstrap.telemetry;

import io.helidon.metrics.api.Counter;
import io.workflow.domain.port.Cache;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/** A cache whose reads are counted as hits and misses ({@code workflow_cache_requests_total{cache, result}}). */
public final class MeteredCache<V> implements Cache<V> {
    static final String REQUESTS = "workflow_cache_requests";

    private final Cache<V> cache;
    private final Counter hits;
    private final Counter misses;

    MeteredCache(Cache<V> cache, Meters meters, String name) {
        this.cache = cache;
        this.hits = meters.counter(REQUESTS, "Cache reads, by cache and result", "cache", name, "result", "hit");
        this.misses = meters.counter(REQUESTS, "Cache reads, by cache and result", "cache", name, "result", "miss");
    }

    @Override
    public Optional<V> get(UUID id) {
        Optional<V> value = cache.get(id);
        (value.isPresent() ? hits : misses).increment();
        return value;
    }

    @Override
    public void put(UUID id, V value, Duration ttl) {
        cache.put(id, value, ttl);
    }

    @Override
    public void putIfAbsent(UUID id, V value, Duration ttl) {
        cache.putIfAbsent(id, value, ttl);
    }

    @Override
    public void evict(UUID id) {
        cache.evict(id);
    }
}
