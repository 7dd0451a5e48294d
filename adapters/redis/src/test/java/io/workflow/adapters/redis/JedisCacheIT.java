package io.workflow.adapters.redis;

import io.workflow.domain.port.Cache;
import io.workflow.domain.port.contract.CacheContract;
import io.workflow.domain.run.Run;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JedisCacheIT extends CacheContract {
    private static RedisConnection connection;
    private static Cache<Run> cache;

    @BeforeAll
    static void connect() {
        connection = RedisConnection.open(TestRedis.settings(TestRedis.host(), TestRedis.port()));
        cache = TestRedis.runCache(connection);
    }

    @AfterAll
    static void close() {
        connection.close();
    }

    @Override
    protected Cache<Run> cache() {
        return cache;
    }

    @Test
    void reachableRedis_pingAnswersTrue() {
        assertThat(connection.ping()).isTrue();
    }
}
