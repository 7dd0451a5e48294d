package io.workflow.adapters.redis;

import io.workflow.domain.port.Cache;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * A {@link Cache} in Redis: key {@code <prefix><uuid>}, value the text {@link CacheValues} encodes,
 * expiring by {@code PX}. It never throws for Redis' sake: while Redis is down or slow, reads
 * miss and writes are skipped (see {@link RedisCircuit}).
 *
 * <p>A failed eviction is worse than a failed read or write: the stale entry stays in Redis until
 * its TTL (10 s for a run whose status changed), and other replicas that still reach Redis serve it.
 * So evictions that could not be made are remembered (up to {@link #MAX_UNCONFIRMED_EVICTIONS}),
 * treated as misses by this cache meanwhile, and deleted as soon as Redis answers again.
 */
public final class JedisCache<V> implements Cache<V> {
    static final int MAX_UNCONFIRMED_EVICTIONS = 10_000;
    private static final int DELETE_BATCH = 500;

    private final UnifiedJedis redis;
    private final RedisCircuit circuit;
    private final String keyPrefix;
    private final Function<V, String> encode;
    private final Function<String, V> decode;
    private final Set<String> unconfirmedEvictions = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean deletingUnconfirmed = new AtomicBoolean();

    JedisCache(UnifiedJedis redis, RedisCircuit circuit, String keyPrefix,
               Function<V, String> encode, Function<String, V> decode) {
        this.redis = redis;
        this.circuit = circuit;
        this.keyPrefix = keyPrefix;
        this.encode = encode;
        this.decode = decode;
    }

    @Override
    public Optional<V> get(UUID id) {
        String key = key(id);
        if (!circuit.allowsCall()) {
            return Optional.empty();
        }
        if (unconfirmedEvictions.contains(key)) {
            // Redis may still hold the entry that eviction was meant to drop: delete, and miss meanwhile.
            deleteUnconfirmedEvictions();
            return Optional.empty();
        }
        String text;
        try {
            text = redis.get(key);
        } catch (JedisException e) {
            circuit.failed("GET", e);
            return Optional.empty();
        }
        succeeded();
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(decode.apply(text));
        } catch (RuntimeException e) {
            circuit.warn(() -> "unreadable cache entry " + key + " ignored: " + e);
            return Optional.empty();
        }
    }

    @Override
    public void put(UUID id, V value, Duration ttl) {
        String key = key(id);
        if (ttl.toMillis() <= 0 || !circuit.allowsCall()) {
            return;
        }
        try {
            redis.set(key, encode.apply(value), SetParams.setParams().px(ttl.toMillis()));
        } catch (JedisException e) {
            circuit.failed("SET", e);
            return;
        }
        // The entry just written is newer than whatever an unconfirmed eviction was meant to drop.
        unconfirmedEvictions.remove(key);
        succeeded();
    }

    @Override
    public void putIfAbsent(UUID id, V value, Duration ttl) {
        String key = key(id);
        if (ttl.toMillis() <= 0 || !circuit.allowsCall()) {
            return;
        }
        String reply;
        try {
            reply = redis.set(key, encode.apply(value), SetParams.setParams().nx().px(ttl.toMillis()));
        } catch (JedisException e) {
            circuit.failed("SET NX", e);
            return;
        }
        if ("OK".equals(reply)) {
            // The key was absent: whatever an unconfirmed eviction was meant to drop is gone.
            unconfirmedEvictions.remove(key);
        }
        succeeded();
    }

    @Override
    public void evict(UUID id) {
        String key = key(id);
        if (!circuit.allowsCall()) {
            remember(key);
            return;
        }
        try {
            redis.del(key);
        } catch (JedisException e) {
            remember(key);
            circuit.failed("DEL", e);
            return;
        }
        unconfirmedEvictions.remove(key);
        succeeded();
    }

    /** How many evictions wait for Redis to come back. */
    int unconfirmedEvictions() {
        return unconfirmedEvictions.size();
    }

    private void remember(String key) {
        if (unconfirmedEvictions.size() < MAX_UNCONFIRMED_EVICTIONS) {
            unconfirmedEvictions.add(key);
        } else {
            circuit.warn(() -> "too many evictions waiting for Redis; " + key + " may be served stale until its TTL");
        }
    }

    private void succeeded() {
        circuit.succeeded();
        if (!unconfirmedEvictions.isEmpty()) {
            deleteUnconfirmedEvictions();
        }
    }

    /** Deletes the remembered evictions in batches; one caller at a time, the others need not wait. */
    private void deleteUnconfirmedEvictions() {
        if (!deletingUnconfirmed.compareAndSet(false, true)) {
            return;
        }
        try {
            Iterator<String> pending = unconfirmedEvictions.iterator();
            while (pending.hasNext()) {
                List<String> batch = new ArrayList<>(DELETE_BATCH);
                while (pending.hasNext() && batch.size() < DELETE_BATCH) {
                    batch.add(pending.next());
                }
                try {
                    redis.del(batch.toArray(String[]::new));
                } catch (JedisException e) {
                    circuit.failed("DEL of evictions missed while Redis was away", e);
                    return;
                }
                batch.forEach(unconfirmedEvictions::remove);
                circuit.succeeded();
            }
        } finally {
            deletingUnconfirmed.set(false);
        }
    }

    private String key(UUID id) {
        return keyPrefix + id;
    }
}
