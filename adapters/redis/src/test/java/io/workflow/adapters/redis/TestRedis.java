package io.workflow.adapters.redis;

import io.workflow.domain.run.Run;
import io.workflow.domain.run.RunDocument;
import io.workflow.domain.port.Cache;

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

    /** A run cache as bootstrap builds one, on {@code connection}. */
    static Cache<Run> runCache(RedisConnection connection) {
        return connection.cache("test:run:", RunDocument::toTree, RunDocument::fromTree);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
