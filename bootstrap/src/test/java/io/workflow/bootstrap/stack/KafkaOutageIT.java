package io.workflow.bootstrap.stack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL is the source of truth and the runs table the outbox: with Kafka stopped a trigger is
 * still accepted (200), and the run executes once Kafka is back. Kafka is brought back in
 * {@code close()}, whatever fails first.
 */
class KafkaOutageIT {
    private static final int RUNS = 20;

    private final StackClient stack = new StackClient();

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES) // the restore alone may take StackProcesses.RESTORE_WITHIN
    void withKafkaStopped_triggersAreAccepted_andTheRunsSucceedOnceItIsBack() throws Exception {
        String workflowId = stack.createWorkflow("kafka-outage",
                List.of(Map.of("name", "wait", "type", "delay", "config", Map.of("duration", 0.1))));
        List<String> runIds = new ArrayList<>();
        try (AutoCloseable restore = StackProcesses.restoreOnClose()) {
            StackProcesses.stop("kafka");
            for (int i = 0; i < RUNS; i++) {
                long started = System.nanoTime();
                runIds.add(stack.trigger(workflowId, Map.of("n", i)));
                assertThat((System.nanoTime() - started) / 1_000_000).as("a trigger does not wait for the broker")
                        .isLessThan(2_000);
            }
            for (String runId : runIds) {
                assertThat(stack.get("api/v1/runs/" + runId).body()).containsEntry("status", "pending");
            }
        }
        assertThat(stack.awaitTerminal(runIds, Duration.ofSeconds(120)).values())
                .as("every run accepted while Kafka was down succeeded once it was back").containsOnly("success");
    }
}
