package io.workflow.bootstrap.stack;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redis is an optimisation: stopping it in the middle of traffic must cost no request, and the
 * cache must come back by itself when Redis does. Stops the stack's own Redis by the PID in its
 * pidfile, then brings it back with {@code ops/stack up}.
 */
class RedisOutageIT {
    private static final Duration PHASE = Duration.ofSeconds(4);

    private final StackClient stack = new StackClient();

    @Test
    void stoppingRedisMidTraffic_failsNoRequest() throws Exception {
        String workflowId = stack.createWorkflow("redis-outage",
                List.of(Map.of("name", "wait", "type", "delay", "config", Map.of("duration", 0.1))));
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger requests = new AtomicInteger();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();

        try (ExecutorService users = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int u = 0; u < 8; u++) {
                users.submit(() -> {
                    while (running.get()) {
                        try {
                            String runId = stack.trigger(workflowId, Map.of("user_id", 1));
                            expectOk(stack.get("api/v1/runs/" + runId), failures);
                            expectOk(stack.get("api/v1/workflows/" + workflowId), failures);
                            requests.addAndGet(3);
                        } catch (Exception | AssertionError e) {
                            failures.add(e.toString());
                        }
                    }
                    return null;
                });
            }
            Thread.sleep(PHASE.toMillis());
            long pid = stopRedis();
            Thread.sleep(PHASE.toMillis());
            restartStack();
            Thread.sleep(PHASE.toMillis());
            running.set(false);
            users.shutdown();
            assertThat(users.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            assertThat(ProcessHandle.of(pid)).as("the old Redis is gone").isEmpty();
        }

        assertThat(requests.get()).as("traffic flowed").isGreaterThan(30);
        assertThat(failures).as("no request failed while Redis was down").isEmpty();
    }

    private static void expectOk(StackClient.Answer answer, ConcurrentLinkedQueue<String> failures) {
        if (answer.status() != 200) {
            failures.add("HTTP " + answer.status() + ": " + answer.body());
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

    private static void restartStack() throws IOException, InterruptedException {
        Path repo = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent(); // tests run in bootstrap/
        Process up = new ProcessBuilder(repo.resolve("ops/stack").toString(), "up", "full")
                .directory(repo.toFile()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(up.waitFor(120, TimeUnit.SECONDS)).as("ops/stack up finished").isTrue();
        assertThat(up.exitValue()).as("ops/stack up brought Redis back").isZero();
    }

    private static Path stackHome() {
        String home = System.getenv("STACK_HOME");
        if (home == null || home.isBlank()) {
            throw new IllegalStateException("STACK_HOME is not set: run these tests with ops/test");
        }
        return Path.of(home);
    }
}
