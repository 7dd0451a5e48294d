package io.workflow.bootstrap.stack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redis is an optimisation: stopping it in the middle of traffic must cost no request, and the
 * cache must come back by itself when Redis does. Whatever fails first, the traffic stops and Redis
 * is brought back (both in {@code close()}), and the first failure is the one reported.
 */
class RedisOutageIT {
    private static final Duration PHASE = Duration.ofSeconds(4);

    private final StackClient stack = new StackClient();

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES) // the restore alone may take StackProcesses.RESTORE_WITHIN
    void stoppingRedisMidTraffic_failsNoRequest() throws Exception {
        String workflowId = stack.createWorkflow("redis-outage",
                List.of(Map.of("name", "wait", "type", "delay", "config", Map.of("duration", 0.1))));
        Traffic traffic = Traffic.start(8, () -> {
            String runId = stack.trigger(workflowId, Map.of("user_id", 1));
            stack.expectOk(stack.get("api/v1/runs/" + runId));
            stack.expectOk(stack.get("api/v1/workflows/" + workflowId));
            return 3;
        });
        long pid;
        try (traffic; AutoCloseable restore = StackProcesses.restoreOnClose()) {
            Thread.sleep(PHASE.toMillis());
            pid = StackProcesses.stop("redis");
            Thread.sleep(PHASE.toMillis());
        }
        // close() restored Redis under traffic, then stopped the traffic: its failures are final now.
        assertThat(ProcessHandle.of(pid)).as("the old Redis is gone").isEmpty();
        assertThat(traffic.requests()).as("traffic flowed").isGreaterThan(30);
        assertThat(traffic.failures()).as("no request failed while Redis was down").isEmpty();
    }
}
