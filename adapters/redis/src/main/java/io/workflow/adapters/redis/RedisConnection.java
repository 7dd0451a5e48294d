package io.workflow.adapters.redis;

import io.workflow.domain.port.Cache;
import io.workflow.domain.run.Run;
import io.workflow.domain.workflow.Workflow;
import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisException;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The one connection pool to Redis and the caches on it. Whoever opens it closes it. When Redis
 * is disabled in the settings, no pool is opened and every cache is a cache that never holds anything.
 */
public final class RedisConnection implements AutoCloseable {
    private static final Duration IDLE_CHECK_INTERVAL = Duration.ofSeconds(30);

    private final RedisClient client;
    private final RedisCircuit circuit;

    private RedisConnection(RedisClient client, RedisCircuit circuit) {
        this.client = client;
        this.circuit = circuit;
    }

    /** Opens the pool; no connection is made until the first command, so Redis may still be down. */
    public static RedisConnection open(RedisSettings settings) {
        if (!settings.enabled()) {
            return new RedisConnection(null, null);
        }
        DefaultJedisClientConfig clientConfig = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis((int) settings.connectTimeout().toMillis())
                .socketTimeoutMillis((int) settings.socketTimeout().toMillis())
                // CLIENT SETINFO would cost a round trip per new connection, and Redis 7.0 rejects it.
                .clientSetInfoConfig(ClientSetInfoConfig.DISABLED)
                .build();
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(settings.maxTotal());
        pool.setMaxIdle(settings.maxTotal());
        pool.setBlockWhenExhausted(true);
        pool.setMaxWait(settings.maxWait());
        pool.setTestWhileIdle(true);
        pool.setTimeBetweenEvictionRuns(IDLE_CHECK_INTERVAL);
        RedisClient client = RedisClient.builder()
                .hostAndPort(settings.host(), settings.port())
                .clientConfig(clientConfig)
                .poolConfig(pool)
                .build();
        // Idle pooled connections are likely dead once a command failed (Redis restarted, network cut):
        // dropping them lets the next probe dial afresh instead of failing on each stale one in turn.
        RedisCircuit circuit = new RedisCircuit(settings.backoff(), () -> client.getPool().clear());
        return new RedisConnection(client, circuit);
    }

    /** The cache of workflows on this connection. */
    public Cache<Workflow> workflowCache() {
        return cache(CacheValues.WORKFLOW_PREFIX, CacheValues::workflow, CacheValues::workflow);
    }

    /** The cache of runs on this connection. */
    public Cache<Run> runCache() {
        return cache(CacheValues.RUN_PREFIX, CacheValues::run, CacheValues::run);
    }

    private <V> Cache<V> cache(String keyPrefix, Function<V, String> encode, Function<String, V> decode) {
        if (client == null) {
            return new NothingCached<>();
        }
        return new JedisCache<>(client, circuit, keyPrefix, encode, decode);
    }

    /** Whether Redis answers PING right now (always true when disabled: nothing to wait for); never throws. */
    public boolean ping() {
        if (client == null) {
            return true;
        }
        try {
            return "PONG".equals(client.ping());
        } catch (JedisException e) {
            return false;
        }
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
    }

    /** The cache when Redis is disabled: every read misses, writes are ignored. */
    private static final class NothingCached<V> implements Cache<V> {
        @Override
        public Optional<V> get(UUID id) {
            return Optional.empty();
        }

        @Override
        public void put(UUID id, V value, Duration ttl) {
        }

        @Override
        public void putIfAbsent(UUID id, V value, Duration ttl) {
        }

        @Override
        public void evict(UUID id) {
        }
    }
}
