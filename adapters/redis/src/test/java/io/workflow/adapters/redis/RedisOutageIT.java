package io.workflow.adapters.redis;

import io.workflow.domain.port.Cache;
import io.workflow.domain.port.contract.Fixtures;
import io.workflow.domain.run.Run;
import io.workflow.domain.testing.TcpProxy;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/** Redis down, silent or cut off costs a request little and throws nothing; the cache comes back by itself. */
class RedisOutageIT {
    private static final Duration PROMPT = Duration.ofSeconds(1);
    private static final Duration TTL = Duration.ofSeconds(30);

    @Test
    void nothingListening_everyCallReturnsPromptly_withoutThrowing() throws IOException {
        try (RedisConnection connection = RedisConnection.open(TestRedis.settings("127.0.0.1", closedPort()))) {
            Cache<Run> cache = TestRedis.runCache(connection);

            assertEveryCallIsPromptAndHarmless(cache);
            assertThat(connection.ping()).isFalse();
        }
    }

    @Test
    void serverThatNeverAnswers_everyCallReturnsPromptly_withoutThrowing() throws IOException {
        List<Socket> accepted = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                while (!silent.isClosed()) {
                    try {
                        accepted.add(silent.accept());
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            try (RedisConnection connection = RedisConnection.open(TestRedis.settings("127.0.0.1", silent.getLocalPort()))) {
                Cache<Run> cache = TestRedis.runCache(connection);

                assertEveryCallIsPromptAndHarmless(cache);
                long start = System.nanoTime();
                assertThat(connection.ping()).isFalse();
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(PROMPT);
            }
        } finally {
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }

    @Test
    void afterACutOff_cacheComesBackByItself_andMakesTheEvictionsItMissed() throws Exception {
        try (TcpProxy proxy = new TcpProxy(TestRedis.host(), TestRedis.port());
             RedisConnection viaProxy = RedisConnection.open(TestRedis.settings("127.0.0.1", proxy.port()));
             RedisConnection direct = RedisConnection.open(TestRedis.settings(TestRedis.host(), TestRedis.port()))) {
            Cache<Run> cache = TestRedis.runCache(viaProxy);
            Cache<Run> redisItself = TestRedis.runCache(direct);
            Run changed = run();
            Run writtenDuringOutage = run();
            cache.put(changed.id(), changed, TTL);
            assertThat(cache.get(changed.id())).contains(changed);

            proxy.cut();
            timed(() -> assertThat(cache.get(changed.id())).isEmpty());
            timed(() -> cache.evict(changed.id()));
            timed(() -> cache.put(writtenDuringOutage.id(), writtenDuringOutage, TTL));
            assertThat(redisItself.get(changed.id())).as("the eviction could not reach Redis").contains(changed);
            assertThat(redisItself.get(writtenDuringOutage.id())).isEmpty();
            assertThat(cache.get(changed.id())).as("not served stale by this cache meanwhile").isEmpty();

            proxy.restore();
            Run afterOutage = run();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (cache.get(afterOutage.id()).isEmpty() && System.nanoTime() < deadline) {
                cache.put(afterOutage.id(), afterOutage, TTL);
                Thread.sleep(100);
            }

            assertThat(cache.get(afterOutage.id())).contains(afterOutage);
            assertThat(redisItself.get(changed.id())).as("the missed eviction was made once Redis was back").isEmpty();
            assertThat(((JedisCache<Run>) cache).unconfirmedEvictions()).isZero();
        }
    }

    @Test
    void redisDown_warnsAtMostOncePerInterval() throws IOException {
        Logger logger = Logger.getLogger(RedisCircuit.class.getName());
        AtomicInteger warnings = new AtomicInteger();
        Handler counter = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel() == Level.WARNING) {
                    warnings.incrementAndGet();
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(counter);
        // A short back-off, so that many calls really go to the dead port and fail within one interval.
        RedisSettings settings = new RedisSettings(true, "127.0.0.1", closedPort(), TestRedis.TIMEOUT,
                TestRedis.TIMEOUT, TestRedis.TIMEOUT, 4, Duration.ofMillis(10));
        try (RedisConnection connection = RedisConnection.open(settings)) {
            Cache<Run> cache = TestRedis.runCache(connection);
            long end = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (System.nanoTime() < end) {
                cache.get(UUID.randomUUID());
            }
        } finally {
            logger.removeHandler(counter);
        }

        assertThat(warnings.get()).isEqualTo(1);
    }

    private static void assertEveryCallIsPromptAndHarmless(Cache<Run> cache) {
        for (int i = 0; i < 5; i++) {
            Run run = run();
            timed(() -> assertThat(cache.get(run.id())).isEmpty());
            timed(() -> cache.put(run.id(), run, TTL));
            timed(() -> cache.evict(run.id()));
        }
    }

    private static void timed(Runnable call) {
        long start = System.nanoTime();
        call.run();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(PROMPT);
    }

    private static Run run() {
        return Fixtures.pendingRun(UUID.randomUUID(), Fixtures.now());
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
