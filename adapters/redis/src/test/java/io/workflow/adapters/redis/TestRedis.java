package io.workflow.adapters.redis;

import io.workflow.domain.run.Run;
import io.workflow.domain.port.Cache;

import java.time.Duration;

/** The real Redis the integration tests use: {@code REDIS_HOST} (127.0.0.1) and {@code REDIS_PORT} (6379). */
final class TestRedis {
    private TestRedis() {
    }

    static String host() {
        return env("REDIS_HOST", "127.0.0.1");
    }

    static int port() {
        return Integer.parseInt(env("REDIS_PORT", "6379"));
    }

    /** Short waits, as a cache should have: a test's Redis answers at once or not at all. */
    static final Duration TIMEOUT = Duration.ofMillis(200);
    static final int POOL_SIZE = 64;
    static final Duration BACKOFF = Duration.ofSeconds(1);

    /** Enabled, at {@code host:port}, with short timeouts. */
    static RedisSettings settings(String host, int port) {
        return new RedisSettings(true, host, port, TIMEOUT, TIMEOUT, TIMEOUT, POOL_SIZE, BACKOFF);
    }

    /** The run cache on {@code connection}, as the service uses it. */
    static Cache<Run> runCache(RedisConnection connection) {
        return connection.runCache();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
