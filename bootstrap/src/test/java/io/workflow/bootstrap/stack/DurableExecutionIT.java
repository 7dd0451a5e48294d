package io.workflow.bootstrap.stack;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Durable execution through nginx, against the full stack's API replicas and workers: retries with
 * back-offs longer than a worker sleeps through (durable timers), a client error not retried, the
 * timeline of a run parked on a timer, many runs parked at once, and a worker killed while its runs
 * wait — each resumed from its last completed step, the webhook called exactly once.
 */
class DurableExecutionIT {
    private final StackClient stack = new StackClient();
    private final ScriptedReceiver receiver = new ScriptedReceiver();

    DurableExecutionIT() throws Exception {
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    private Map<String, Object> webhook(String name, String path, Map<String, Object> retry) {
        Map<String, Object> step = new LinkedHashMap<>(Map.of("name", name, "type", "webhook",
                "config", Map.of("url", receiver.url(path), "method", "POST", "body", Map.of("run", "${payload.n}"))));
        if (retry != null) {
            step.put("retry", retry);
        }
        return step;
    }

    private static Map<String, Object> delay(String name, double seconds) {
        return Map.of("name", name, "type", "delay", "config", Map.of("duration", seconds));
    }

    private Map<String, Object> run(String runId) throws Exception {
        return stack.get("api/v1/runs/" + runId).body();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> steps(Map<String, Object> run) {
        return (List<Map<String, Object>>) run.get("steps");
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aReceiverFailingTwiceWith503_thenAnswering_succeedsOnTheThirdAttempt_withTheBackOffsBetween() throws Exception {
        receiver.script("/flaky", 503, 503);
        Map<String, Object> policy = Map.of("max_attempts", 3, "initial_interval", 3, "backoff_coefficient", 2.0,
                "max_interval", 60, "jitter", 0.1);
        String workflowId = stack.createWorkflow("retry-503", List.of(webhook("notify", "/flaky", policy)));
        String runId = stack.trigger(workflowId, Map.of("n", 1));

        Map<String, Object> waiting = awaitStep(runId, 0, "waiting", Duration.ofSeconds(30));
        assertThat(waiting.get("current_step")).isEqualTo("notify");
        assertThat(waiting.get("next_wake_at")).isNotNull();

        assertThat(stack.awaitTerminal(List.of(runId), Duration.ofSeconds(60))).containsEntry(runId, "success");
        List<ScriptedReceiver.Call> calls = receiver.calls("/flaky");
        assertThat(calls).extracting(ScriptedReceiver.Call::status).containsExactly(503, 503, 200);
        Duration firstGap = Duration.between(calls.get(0).at(), calls.get(1).at());
        Duration secondGap = Duration.between(calls.get(1).at(), calls.get(2).at());
        System.out.println("retry gaps: " + firstGap.toMillis() + " ms, " + secondGap.toMillis() + " ms (policy: 3 s, 6 s, ± 10 %)");
        assertThat(firstGap).isBetween(Duration.ofMillis(2_700), Duration.ofMillis(3_300 + 2_000));
        assertThat(secondGap).isBetween(Duration.ofMillis(5_400), Duration.ofMillis(6_600 + 2_000));
        Map<String, Object> done = run(runId);
        assertThat(steps(done).getFirst()).containsEntry("status", "success");
        assertThat((List<?>) steps(done).getFirst().get("attempts")).hasSize(3);
    }

    @Test
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    void aReceiverAnswering400_isNotRetried_andTheRunFailsNamingTheStep() throws Exception {
        receiver.script("/bad", 400);
        Map<String, Object> policy = Map.of("max_attempts", 3, "initial_interval", 1);
        String workflowId = stack.createWorkflow("retry-400", List.of(webhook("notify", "/bad", policy), delay("after", 1)));
        String runId = stack.trigger(workflowId, Map.of("n", 2));

        assertThat(stack.awaitTerminal(List.of(runId), Duration.ofSeconds(30))).containsEntry(runId, "failed");
        Map<String, Object> failed = run(runId);
        assertThat((String) failed.get("error")).startsWith("step 'notify' failed").contains("answered 400");
        assertThat(receiver.calls("/bad")).hasSize(1);
        assertThat(steps(failed)).extracting(step -> step.get("status")).containsExactly("failed", "skipped");
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void manyRunsParkedOnTimers_allWaitWithoutAWorker_andAllFinish() throws Exception {
        String workflowId = stack.createWorkflow("parked", List.of(delay("wait", 15)));
        List<String> runIds = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            runIds.add(stack.trigger(workflowId, Map.of("n", i)));
        }
        Instant lastTriggered = Instant.now();
        // Every run parked: its step waiting, with a wake-up time, none of them held by a worker.
        for (String runId : runIds) {
            Map<String, Object> parked = awaitStep(runId, 0, "waiting", Duration.ofSeconds(30));
            assertThat(parked.get("status")).isEqualTo("running");
        }
        assertThat(stack.awaitTerminal(runIds, Duration.ofSeconds(90)).values()).containsOnly("success");
        System.out.println("200 runs parked on a 15 s timer all finished " + Duration.between(lastTriggered, Instant.now()).toMillis()
                + " ms after the last trigger");
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES) // the restore alone may take StackProcesses.RESTORE_WITHIN
    void aWorkerKilledDuringAThreeStepRun_theRunFinishesWithinFifteenSeconds_andTheWebhookIsCalledOnce() throws Exception {
        String workflowId = stack.createWorkflow("killed-mid-run", List.of(delay("before", 6), webhook("notify", "/once", null),
                delay("after", 6)));
        List<String> runIds = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            runIds.add(stack.trigger(workflowId, Map.of("n", i)));
        }
        Map<String, String> statuses;
        Instant killedAt;
        try (AutoCloseable restore = StackProcesses.restoreOnClose()) {
            for (String runId : runIds) {
                awaitStep(runId, 0, "waiting", Duration.ofSeconds(30));
            }
            StackProcesses.kill("worker-1");
            killedAt = Instant.now();
            statuses = stack.awaitTerminal(runIds, Duration.ofSeconds(15 + 12));
        }
        assertThat(statuses.values()).containsOnly("success");
        Instant lastCompleted = runIds.stream().map(id -> {
            try {
                return Instant.parse((String) run(id).get("completed_at"));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).max(Instant::compareTo).orElseThrow();
        System.out.println("worker-1 killed; the last run finished " + Duration.between(killedAt, lastCompleted).toMillis()
                + " ms later (at most 12 s of delays were left)");
        assertThat(Duration.between(killedAt, lastCompleted)).isLessThan(Duration.ofSeconds(15 + 12));
        assertThat(receiver.calls("/once")).as("one successful call per run, never repeated").hasSize(runIds.size())
                .allSatisfy(call -> assertThat(call.status()).isEqualTo(200));
    }

    private Map<String, Object> awaitStep(String runId, int index, String status, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            Map<String, Object> run = run(runId);
            List<Map<String, Object>> steps = steps(run);
            if (steps != null && status.equals(steps.get(index).get("status"))) {
                return run;
            }
            assertThat(System.nanoTime()).as("step " + index + " of run " + runId + " " + status + " within " + within
                    + "; last seen " + run).isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
