package io.workflow.adapters.memory;

import io.workflow.domain.port.Cache;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** A cache in a concurrent map; expired entries are dropped when read and by {@link #purgeExpired}. */
public final class InMemoryCache<V> implements Cache<V> {
    private record Entry<V>(V value, Instant expiresAt) {
    }

    private final Map<UUID, Entry<V>> entries = new ConcurrentHashMap<>();
    private final Clock clock;
    private final int maxEntries;

    /** A cache that holds at most {@code maxEntries}; past that, expired entries go first, then new puts are skipped. */
    public InMemoryCache(Clock clock, int maxEntries) {
        this.clock = clock;
        this.maxEntries = maxEntries;
    }

    @Override
    public Optional<V> get(UUID id) {
        Entry<V> entry = entries.get(id);
        if (entry == null) {
            return Optional.empty();
        }
        if (!entry.expiresAt().isAfter(clock.instant())) {
            entries.remove(id, entry);
            return Optional.empty();
        }
        return Optional.of(entry.value());
    }

    @Override
    public void put(UUID id, V value, Duration ttl) {
        if (entries.size() >= maxEntries) {
            purgeExpired();
            if (entries.size() >= maxEntries) {
                return;
            }
        }
        entries.put(id, new Entry<>(value, clock.instant().plus(ttl)));
    }

    @Override
    public void putIfAbsent(UUID id, V value, Duration ttl) {
        if (entries.size() >= maxEntries) {
            purgeExpired();
            if (entries.size() >= maxEntries) {
                return;
            }
        }
        Instant now = clock.instant();
        entries.compute(id, (key, entry) -> entry != null && entry.expiresAt().isAfter(now)
                ? entry : new Entry<>(value, now.plus(ttl)));
    }

    @Override
    public void evict(UUID id) {
        entries.remove(id);
    }

    /** Drops every expired entry. */
    public void purgeExpired() {
        Instant now = clock.instant();
        entries.values().removeIf(entry -> !entry.expiresAt().isAfter(now));
    }
}
