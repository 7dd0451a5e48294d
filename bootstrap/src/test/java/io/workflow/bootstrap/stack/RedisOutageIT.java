package io.workflow.bootstrap.stack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redis is an optimisation: stopping it in the middle of traffic must cost no request, and the
 * cache must come back by itself when Redis does. Stops the stack's own Redis by the PID in its
 * pidfile, then brings it back with {@code ops/stack up}. Whatever fails first, the traffic stops
 * and Redis is brought back (both in {@code close()}), and the first failure is the one reported.
 */
class RedisOutageIT {
    private static final Duration PHASE = Duration.ofSeconds(4);
    /** {@code ops/stack up} on a saturated 2-core machine checks every component before it restarts Redis. */
    private static final Duration RESTORE_WITHIN = Duration.ofSeconds(300);

    private final StackClient stack = new StackClient();

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES) // the restore alone may take RESTORE_WITHIN
    void stoppingRedisMidTraffic_failsNoRequest() throws Exception {
        String workflowId = stack.createWorkflow("redis-outage",
                List.of(Map.of("name", "wait", "type", "delay", "config", Map.of("duration", 0.1))));
        Traffic traffic = Traffic.start(8, () -> {
            String runId = stack.trigger(workflowId, Map.of("user_id", 1));
            expectOk(stack.get("api/v1/runs/" + runId));
            expectOk(stack.get("api/v1/workflows/" + workflowId));
            return 3;
        });
        long pid;
        try (traffic; RedisRestore ignored = new RedisRestore()) {
            Thread.sleep(PHASE.toMillis());
            pid = stopRedis();
            Thread.sleep(PHASE.toMillis());
        }
        // close() restored Redis under traffic, then stopped the traffic: its failures are final now.
        assertThat(ProcessHandle.of(pid)).as("the old Redis is gone").isEmpty();
        assertThat(traffic.requests()).as("traffic flowed").isGreaterThan(30);
        assertThat(traffic.failures()).as("no request failed while Redis was down").isEmpty();
    }

    private static void expectOk(StackClient.Answer answer) {
        if (answer.status() != 200) {
            throw new AssertionError("HTTP " + answer.status() + ": " + answer.body());
        }
    }

    private static long stopRedis() throws IOException, InterruptedException {
        Path pidfile = stackHome().resolve("run/redis.pid");
        long pid = Long.parseLong(Files.readString(pidfile).trim());
        ProcessHandle redis = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("Redis (pid " + pid + ") is not running"));
        redis.destroy();
        Instant deadline = Instant.now().plusSeconds(10);
        while (redis.isAlive() && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(redis.isAlive()).as("Redis stopped").isFalse();
        return pid;
    }

    /** Brings whatever of the stack is missing (Redis) back with {@code ops/stack up full}, within a bound. */
    private static final class RedisRestore implements AutoCloseable {
        @Override
        public void close() throws IOException, InterruptedException {
            Path repo = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent(); // tests run in bootstrap/
            Path log = Files.createTempFile("redis-outage-stack-up", ".log");
            Process up = new ProcessBuilder(repo.resolve("ops/stack").toString(), "up", "full")
                    .directory(repo.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!up.waitFor(RESTORE_WITHIN.toSeconds(), TimeUnit.SECONDS)) {
                up.destroyForcibly();
                throw new AssertionError("ops/stack up did not bring Redis back within " + RESTORE_WITHIN + ":\n" + Files.readString(log));
            }
            if (up.exitValue() != 0) {
                throw new AssertionError("ops/stack up failed (exit " + up.exitValue() + "):\n" + Files.readString(log));
            }
        }
    }

    private static Path stackHome() {
        String home = System.getenv("STACK_HOME");
        if (home == null || home.isBlank()) {
            throw new IllegalStateException("STACK_HOME is not set: run these tests with ops/test");
        }
        return Path.of(home);
    }
}
