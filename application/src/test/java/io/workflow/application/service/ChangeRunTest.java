package io.workflow.application.service;

import io.workflow.application.ExecuteRun.Outcome;
import io.workflow.application.TriggerRun;
import io.workflow.domain.NotFoundException;
import io.workflow.domain.port.StepExecutor.StepOutcome;
import io.workflow.domain.run.IllegalTransitionException;
import io.workflow.domain.run.Run;
import io.workflow.domain.run.RunStatus;
import io.workflow.domain.workflow.Workflow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.workflow.application.service.MemoryWiring.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Cancel and retry, over the memory adapters and a worker executing for real. */
class ChangeRunTest {
    private final MemoryWiring wiring = new MemoryWiring();
    private final List<Run> dispatched = new CopyOnWriteArrayList<>();
    private final List<Run> completed = new CopyOnWriteArrayList<>();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final TriggerRun trigger = wiring.triggerRun(dispatched::add);
    private final ChangeRunService change = new ChangeRunService(wiring.runs, dispatched::add, completed::add,
            wiring.runCacheAside, wiring.clock);
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    private Run triggered(Workflow workflow) {
        return trigger.trigger(new TriggerRun.Command(workflow.uuid(), Map.of()));
    }

    private Run stored(Run run) {
        return wiring.runs.findById(run.id()).orElseThrow();
    }

    @Test
    void cancel_ofAPendingRun_endsItCancelled_announcesIt_andTheWorkerLeavesItAlone() {
        Run run = triggered(wiring.workflowOfDelays("first"));
        wiring.clock.advance(Duration.ofSeconds(2));

        Run cancelled = change.cancel(run.tenant(), run.id());

        assertThat(cancelled.status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(cancelled.completedAt()).isEqualTo(T0.plusSeconds(2));
        assertThat(stored(run)).isEqualTo(cancelled);
        assertThat(wiring.getRun.get(run.id())).as("no stale cache entry").isEqualTo(cancelled);
        assertThat(completed).containsExactly(cancelled);
        assertThat(wiring.executeRun((step, context) -> {
            calls.add(step.name());
            return new StepOutcome.Succeeded(null);
        }, completed::add).execute(run.id())).isEqualTo(Outcome.ALREADY_FINISHED);
        assertThat(calls).isEmpty();
    }

    @Test
    void cancel_isIdempotent_butRefusesARunThatEndedOtherwise_andAnUnknownOne() {
        Run run = triggered(wiring.workflowOfDelays("first"));
        Run cancelled = change.cancel(run.tenant(), run.id());
        wiring.clock.advance(Duration.ofSeconds(5));

        assertThat(change.cancel(run.tenant(), run.id())).isEqualTo(cancelled);
        assertThat(completed).as("announced once").hasSize(1);

        Run other = triggered(wiring.workflowOfDelays("only"));
        wiring.executeRun((step, context) -> new StepOutcome.Succeeded(null), completed::add).execute(other.id());
        assertThatThrownBy(() -> change.cancel(other.tenant(), other.id())).isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("a success run cannot become cancelled");
        assertThat(stored(other).status()).isEqualTo(RunStatus.SUCCESS);
        assertThatThrownBy(() -> change.cancel("default", UUID.randomUUID())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void anotherTenantsRun_isNotFound_forCancelOrRetry_andStaysAsItWas() {
        Run run = triggered(wiring.workflowOfDelays("first"));

        assertThatThrownBy(() -> change.cancel("someone-else", run.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> change.retry("someone-else", run.id())).isInstanceOf(NotFoundException.class);
        assertThat(stored(run)).isEqualTo(run);
        assertThat(completed).isEmpty();
    }

    @Test
    void cancel_ofARunInALongStep_isStoredAtOnce_andTheWorkerStopsAtItsNextHeartbeat_withoutAnotherWrite() throws Exception {
        Run run = triggered(wiring.workflowOfDelays("long", "never"));
        CountDownLatch inStep = new CountDownLatch(1);
        ExecuteRunService execute = wiring.executeRun(wiring.runs, (step, context) -> {
            calls.add(step.name());
            inStep.countDown();
            try {
                Thread.sleep(Duration.ofHours(1)); // a one-hour delay
                return new StepOutcome.Succeeded(null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new StepOutcome.Failed("interrupted", null);
            }
        }, completed::add, new ExecuteRunService.Timing(Duration.ofSeconds(30), Duration.ofMillis(50)));
        try (execute) {
            Future<Outcome> outcome = threads.submit(() -> execute.execute(run.id()));
            assertThat(inStep.await(5, TimeUnit.SECONDS)).isTrue();

            Run cancelled = change.cancel(run.tenant(), run.id());

            assertThat(outcome.get(5, TimeUnit.SECONDS)).as("the delay was dropped").isEqualTo(Outcome.HELD_ELSEWHERE);
            assertThat(stored(run)).isEqualTo(cancelled);
            assertThat(calls).containsExactly("long");
            assertThat(completed).containsExactly(cancelled);
        }
    }

    @Test
    void retry_ofARunThatFailedAtItsSecondStep_continuesThere_keepingTheFirst_andSucceeds() {
        Run run = triggered(wiring.workflowOfDelays("first", "second", "third"));
        var firstTry = wiring.executeRun((step, context) -> {
            calls.add(step.name());
            return step.name().equals("second") ? new StepOutcome.Failed("receiver answered 503", null)
                    : new StepOutcome.Succeeded("out of " + step.name());
        }, completed::add);
        firstTry.execute(run.id());
        Run failed = stored(run);
        assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
        dispatched.clear();

        Run retried = change.retry(run.tenant(), run.id());

        assertThat(retried.status()).isEqualTo(RunStatus.PENDING);
        assertThat(retried.attempt()).isEqualTo(2);
        assertThat(dispatched).as("handed to the workers").containsExactly(retried);
        assertThat(wiring.executeRun((step, context) -> {
            calls.add(step.name());
            return new StepOutcome.Succeeded("out of " + step.name() + ", try 2");
        }, completed::add).execute(run.id())).isEqualTo(Outcome.EXECUTED);

        Run done = stored(run);
        assertThat(done.status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(done.attempt()).isEqualTo(2);
        assertThat(calls).as("the first step is not run again").containsExactly("first", "second", "second", "third");
        assertThat(done.stepResults().get("first")).isEqualTo(failed.stepResults().get("first"));
        assertThat(done.stepResults().get("second").output()).isEqualTo("out of second, try 2");
    }

    @Test
    void retry_refusesARunThatIsNotFailedOrCancelled() {
        Run run = triggered(wiring.workflowOfDelays("first"));

        assertThatThrownBy(() -> change.retry(run.tenant(), run.id())).isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("a pending run cannot become pending");
        assertThat(stored(run).attempt()).isEqualTo(1);
        assertThat(change.retry(run.tenant(), change.cancel(run.tenant(), run.id()).id()).attempt()).isEqualTo(2);
    }
}
