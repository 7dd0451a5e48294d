package io.workflow.application.service;

import io.workflow.application.CreateWorkflow;
import io.workflow.application.ExecuteRun.Outcome;
import io.workflow.application.RunExecutionScope;
import io.workflow.application.TriggerRun;
import io.workflow.domain.port.StepExecutor;
import io.workflow.domain.port.StepExecutor.StepOutcome;
import io.workflow.domain.run.Run;
import io.workflow.domain.run.RunStatus;
import io.workflow.domain.workflow.DelayStep;
import io.workflow.domain.workflow.WebhookStep;
import io.workflow.domain.workflow.Workflow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine enters its {@link RunExecutionScope} wherever a run is taken up: a step performed after
 * a durable timer came due (a poll's claim, no trigger event) runs inside the scope of its run, as a
 * step performed on a trigger event does.
 */
class RunExecutionScopeTest {
    private static final ThreadLocal<UUID> SCOPED_RUN = new ThreadLocal<>();

    private final MemoryWiring wiring = new MemoryWiring();
    private final List<UUID> scopedRunsOfCalls = new CopyOnWriteArrayList<>();
    private final List<UUID> scopesEntered = new CopyOnWriteArrayList<>();
    private final StepExecutor receiver = (step, context) -> {
        scopedRunsOfCalls.add(SCOPED_RUN.get());
        return new StepOutcome.Succeeded(Map.of("status_code", 200));
    };
    private final RunExecutionScope scope = (run, work) -> {
        scopesEntered.add(run.workflowId());
        SCOPED_RUN.set(run.id());
        try {
            return work.get();
        } finally {
            SCOPED_RUN.remove();
        }
    };
    private final ExecuteRunService execute = new ExecuteRunService(wiring.workflows, wiring.workflowCacheAside, wiring.runs,
            receiver, run -> { }, wiring.runCacheAside, wiring.clock, MemoryWiring.TIMING, scope);
    private final WakeDueRunsService wake = new WakeDueRunsService(wiring.runs, execute, wiring.clock, 10, 4);

    @AfterEach
    void close() throws InterruptedException {
        wake.close();
        execute.close();
    }

    @Test
    void aRunResumedByTheDuePoll_performsItsStepsInsideTheScopeOfThatRun() throws InterruptedException {
        Workflow workflow = wiring.createWorkflow.create(new CreateWorkflow.Command(null, "scoped", null, List.of(
                new WebhookStep("before", "http://receiver.test/a", "POST", Map.of(), null),
                new DelayStep("wait", Duration.ofSeconds(60)),
                new WebhookStep("after", "http://receiver.test/b", "POST", Map.of(), null))));
        Run run = wiring.triggerRun(dispatched -> { }).trigger(new TriggerRun.Command(workflow.uuid(), Map.of()));

        assertThat(execute.execute(run.id())).isEqualTo(Outcome.WAITING);
        assertThat(scopedRunsOfCalls).as("the step before the timer, on the trigger's path").containsExactly(run.id());

        wiring.clock.advance(Duration.ofSeconds(61));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!wiring.runs.findById(run.id()).orElseThrow().status().isTerminal() && System.nanoTime() < deadline) {
            wake.wake();
            Thread.sleep(5);
        }

        assertThat(wiring.runs.findById(run.id()).orElseThrow().status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(scopedRunsOfCalls).as("the step after the timer, resumed by the poll").containsExactly(run.id(), run.id());
        assertThat(scopesEntered).as("each taking-up of the run knew its workflow").hasSize(2).containsOnly(workflow.uuid());
    }
}
