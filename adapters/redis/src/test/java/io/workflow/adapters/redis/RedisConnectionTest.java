package io.workflow.adapters.redis;

import io.workflow.domain.port.Cache;
import io.workflow.domain.port.contract.Fixtures;
import io.workflow.domain.run.Run;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class RedisConnectionTest {

    @Test
    void disabledRedis_cachesNothing_andIsReady() {
        RedisSettings disabled = new RedisSettings(false, "127.0.0.1", 6379, TestRedis.TIMEOUT,
                TestRedis.TIMEOUT, TestRedis.TIMEOUT, TestRedis.POOL_SIZE,
                TestRedis.BACKOFF);
        try (RedisConnection connection = RedisConnection.open(disabled)) {
            Cache<Run> cache = TestRedis.runCache(connection);
            Run run = Fixtures.pendingRun(UUID.randomUUID(), Fixtures.now());

            cache.put(run.id(), run, Duration.ofSeconds(10));

            assertThat(cache.get(run.id())).isEmpty();
            assertThat(connection.ping()).isTrue();
        }
    }
}
