package io.workflow.bootstrap.stack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A worker killed outright (SIGKILL) in the middle of its runs: its leases stop being renewed, so the
 * other workers take the runs over within a lease (10 s) and a poll for due runs, resume them after their
 * last completed step, and every run succeeds. The worker is brought back in {@code close()}.
 */
class WorkerFailoverIT {
    private static final int RUNS = 30;
    /**
     * Short enough to be slept through by the worker holding the run (longer waits are durable
     * timers, held by no worker), three of them outlast triggering every run, so the kill lands mid-run.
     */
    private static final double STEP_SECONDS = 2;
    private static final int STEPS = 3;
    /** The lease (10 s) plus a poll for due runs (a fraction of a second), plus slack for a loaded 2-core machine. */
    private static final Duration TAKEOVER_BOUND = Duration.ofSeconds(30);

    private static final Set<Object> STARTED = Set.of("running", "success", "failed");

    private final StackClient stack = new StackClient();

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES) // the restore alone may take StackProcesses.RESTORE_WITHIN
    void givenAWorkerKilledMidRun_itsRunsAreResumedElsewhere_andAllSucceedWithinALeaseAndASweep() throws Exception {
        String workflowId = stack.createWorkflow("worker-failover", List.of(
                Map.of("name", "first", "type", "delay", "config", Map.of("duration", STEP_SECONDS)),
                Map.of("name", "second", "type", "delay", "config", Map.of("duration", STEP_SECONDS)),
                Map.of("name", "third", "type", "delay", "config", Map.of("duration", STEP_SECONDS))));
        List<String> runIds = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            runIds.add(stack.trigger(workflowId, Map.of("n", i)));
        }
        Instant killedAt;
        Map<String, String> statuses;
        try (AutoCloseable restore = StackProcesses.restoreOnClose()) {
            awaitAllRunning(runIds, Duration.ofSeconds(30));
            StackProcesses.kill("worker-1");
            killedAt = Instant.now();
            // the rest of the runs' own time (every step at most) on top of the takeover bound
            statuses = stack.awaitTerminal(runIds, TAKEOVER_BOUND.plusSeconds((long) (STEPS * STEP_SECONDS)));
        }
        assertThat(statuses.values()).as("every run of the killed worker was taken over and finished").containsOnly("success");
        Instant lastCompleted = runIds.stream().map(this::completedAt).max(Instant::compareTo).orElseThrow();
        System.out.println("worker-1 killed; last of " + RUNS + " runs completed "
                + Duration.between(killedAt, lastCompleted).toMillis() + " ms later");
    }

    private void awaitAllRunning(List<String> runIds, Duration within) throws Exception {
        Instant deadline = Instant.now().plus(within);
        for (String runId : runIds) {
            while (!STARTED.contains(stack.get("api/v1/runs/" + runId).body().get("status"))) {
                assertThat(Instant.now()).as("run " + runId + " running within " + within).isBefore(deadline);
                Thread.sleep(100);
            }
        }
    }

    private Instant completedAt(String runId) {
        try {
            return Instant.parse((String) stack.get("api/v1/runs/" + runId).body().get("completed_at"));
        } catch (Exception e) {
            throw new AssertionError("could not read run " + runId, e);
        }
    }
}
