package io.workflow.bootstrap.stack;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cancel and retry through nginx, against the API replicas and workers of the full stack: a run held
 * by a worker in a one-hour delay is cancelled at once, stays cancelled (its worker drops the delay
 * without writing), and a retry continues it from the step that did not complete.
 */
class RunControlIT {
    private final StackClient stack = new StackClient();

    @Test
    void aRunInAOneHourDelay_isCancelledAtOnce_staysCancelled_andARetryResumesAfterItsCompletedStep() throws Exception {
        String workflowId = stack.createWorkflow("run-control", List.of(
                Map.of("name", "quick", "type", "delay", "config", Map.of("duration", 0.05)),
                Map.of("name", "hour", "type", "delay", "config", Map.of("duration", 3600))));
        String runId = stack.trigger(workflowId, Map.of());
        awaitStepDone(runId, "quick", Duration.ofSeconds(60));

        long sent = System.nanoTime();
        StackClient.Answer cancelled = stack.post("api/v1/runs/" + runId + "/cancel", Map.of());
        long tookMillis = (System.nanoTime() - sent) / 1_000_000;

        stack.expectOk(cancelled);
        assertThat(cancelled.body()).containsEntry("status", "cancelled").containsEntry("attempt", 1);
        assertThat(tookMillis).as("cancelled within 2 s").isLessThan(2_000);
        Thread.sleep(5_000); // more than a heartbeat: the worker has noticed, and must not have written
        Map<String, Object> after = stack.get("api/v1/runs/" + runId).body();
        assertThat(after).containsEntry("status", "cancelled");
        assertThat(stepResults(after)).containsOnlyKeys("quick");

        StackClient.Answer again = stack.post("api/v1/runs/" + runId + "/cancel", Map.of());
        stack.expectOk(again);
        assertThat(again.body()).isEqualTo(after);
        assertThat(stack.post("api/v1/runs/" + runId + "/retry", Map.of()).body()).containsEntry("status", "pending")
                .containsEntry("attempt", 2);
        Map<String, Object> resumed = awaitStatus(runId, "running", Duration.ofSeconds(60));
        assertThat(stepResults(resumed)).as("the completed step is kept, not run again").isEqualTo(stepResults(after));
        assertThat(stack.post("api/v1/runs/" + runId + "/retry", Map.of()).status()).as("retry of a running run").isEqualTo(409);

        stack.expectOk(stack.post("api/v1/runs/" + runId + "/cancel", Map.of()));
        assertThat(stack.awaitTerminal(List.of(runId), Duration.ofSeconds(5))).containsEntry(runId, "cancelled");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> stepResults(Map<String, Object> run) {
        return (Map<String, Object>) run.get("step_results");
    }

    private void awaitStepDone(String runId, String step, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (!stepResults(stack.get("api/v1/runs/" + runId).body()).containsKey(step)) {
            assertThat(System.nanoTime()).as("step " + step + " of run " + runId + " done within " + within).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private Map<String, Object> awaitStatus(String runId, String status, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            Map<String, Object> run = stack.get("api/v1/runs/" + runId).body();
            if (status.equals(run.get("status"))) {
                return run;
            }
            assertThat(System.nanoTime()).as("run " + runId + " " + status + " within " + within).isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
