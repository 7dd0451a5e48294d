package io.workflow.bootstrap.stack;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed's flow through nginx, with real API replicas, workers, PostgreSQL behind PgBouncer,
 * Kafka and Redis (the stack ops/test starts).
 */
class StackEndToEndIT {
    private static final int RUNS = 100;

    private final StackClient stack = new StackClient();

    @Test
    void hundredTriggeredRuns_allSucceed_andPagesWalkEachRunExactlyOnce() throws Exception {
        String workflowId = stack.createWorkflow("e2e-" + Instant.now(),
                List.of(Map.of("name", "wait", "type", "delay", "config", Map.of("duration", 0.2))));
        StackClient.require(stack.get("api/v1/workflows/" + workflowId), 200);

        Set<String> triggered = new HashSet<>();
        try (ExecutorService users = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<String>> runs = new ArrayList<>();
            for (int i = 0; i < RUNS; i++) {
                int user = i;
                runs.add(users.submit(() -> stack.trigger(workflowId, Map.of("user_id", user))));
            }
            for (Future<String> run : runs) {
                triggered.add(run.get());
            }
        }
        assertThat(triggered).hasSize(RUNS);

        Map<String, String> statuses = stack.awaitTerminal(triggered, Duration.ofSeconds(90));
        assertThat(statuses.values()).as("every run succeeded").containsOnly("success");

        List<String> walked = new ArrayList<>();
        String cursor = null;
        do {
            String query = "api/v1/runs?limit=7&workflow_id=" + workflowId + (cursor == null ? "" : "&cursor=" + cursor);
            StackClient.Answer page = stack.get(query);
            StackClient.require(page, 200);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> items = (List<Map<String, Object>>) page.body().get("items");
            items.forEach(item -> walked.add((String) item.get("uuid")));
            cursor = (String) page.body().get("next_cursor");
        } while (cursor != null);
        assertThat(walked).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(triggered);
    }
}
