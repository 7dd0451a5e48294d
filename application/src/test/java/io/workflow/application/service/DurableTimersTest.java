package io.workflow.application.service;

import io.workflow.application.CreateWorkflow;
import io.workflow.application.ExecuteRun.Outcome;
import io.workflow.application.TriggerRun;
import io.workflow.domain.port.StepExecutor;
import io.workflow.domain.port.StepExecutor.StepOutcome;
import io.workflow.domain.run.Run;
import io.workflow.domain.run.RunStatus;
import io.workflow.domain.timeline.RunTimeline;
import io.workflow.domain.timeline.RunTimeline.StepState;
import io.workflow.domain.run.StepResult;
import io.workflow.domain.run.Timer;
import io.workflow.domain.workflow.DelayStep;
import io.workflow.domain.workflow.RetryPolicy;
import io.workflow.domain.workflow.RetryPolicy.Failure;
import io.workflow.domain.workflow.Step;
import io.workflow.domain.workflow.WebhookStep;
import io.workflow.domain.workflow.Workflow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import static io.workflow.application.service.MemoryWiring.T0;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Durable timers, resumption from due runs and timeouts, over the memory adapters with a clock the
 * test moves: long waits park the run (the call returns, holding nothing) and a poll for due runs
 * goes on with it; only waits of at most {@link ExecuteRunService.Timing#longestSleep} are slept.
 */
class DurableTimersTest {
    private static final String RECEIVER = "http://receiver.test/";

    private final MemoryWiring wiring = new MemoryWiring();
    private final TriggerRun trigger = wiring.triggerRun(run -> { });
    private final List<Run> completed = new CopyOnWriteArrayList<>();
    private final List<Instant> callTimes = new CopyOnWriteArrayList<>();
    private final List<WebhookStep> calledSteps = new CopyOnWriteArrayList<>();
    private final Deque<StepOutcome> answers = new ArrayDeque<>();
    private final StepExecutor receiver = (step, context) -> {
        callTimes.add(wiring.clock.instant());
        calledSteps.add((WebhookStep) step);
        synchronized (answers) {
            return answers.isEmpty() ? new StepOutcome.Succeeded(Map.of("status_code", 200)) : answers.poll();
        }
    };
    private final ExecuteRunService execute = wiring.executeRun(wiring.runs, receiver, completed::add, MemoryWiring.TIMING);
    private final WakeDueRunsService wake = new WakeDueRunsService(wiring.runs, execute, wiring.clock, 100, 64);

    @AfterEach
    void close() throws InterruptedException {
        wake.close();
        execute.close();
    }

    private Workflow workflow(RetryPolicy defaultRetry, Duration timeout, Step... steps) {
        return wiring.createWorkflow.create(new CreateWorkflow.Command(null, "durable", null, List.of(steps), defaultRetry, timeout));
    }

    private Run trigger(Workflow workflow) {
        return trigger.trigger(new TriggerRun.Command(workflow.uuid(), Map.of()));
    }

    private Run stored(Run run) {
        return wiring.runs.findById(run.id()).orElseThrow();
    }

    /** Polls for due runs until {@code done} holds for the stored run; bounded. */
    private Run wakeUntil(Run run, Predicate<Run> done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            wake.wake();
            Run current = stored(run);
            if (done.test(current)) {
                return current;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("run " + run.id() + " did not get there within 10 s: " + stored(run));
    }

    private static StepOutcome answered(int status) {
        Failure kind = status >= 500 ? Failure.SERVER_ERROR : Failure.CLIENT_ERROR;
        return new StepOutcome.Failed("webhook POST " + RECEIVER + " answered " + status, Map.of("status_code", status), kind, null);
    }

    @Test
    void aLongDelay_parksTheRun_withItsLeaseEndingAtTheWakeUp_andADuePollFinishesIt() throws InterruptedException {
        Run run = trigger(workflow(null, null, new DelayStep("wait", Duration.ofSeconds(60)), new WebhookStep("notify", RECEIVER, "POST", Map.of(), null)));

        assertThat(execute.execute(run.id())).isEqualTo(Outcome.WAITING);
        Run parked = stored(run);
        assertThat(parked.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(parked.timer()).isEqualTo(new Timer("wait", T0, T0.plusSeconds(60), List.of()));
        assertThat(parked.leaseExpiresAt()).as("no worker holds it until the timer is due").isEqualTo(T0.plusSeconds(60));
        assertThat(execute.execute(run.id())).as("a redelivered record does not wake it early").isEqualTo(Outcome.HELD_ELSEWHERE);
        assertThat(wake.wake()).as("nothing is due yet").isZero();

        RunTimeline waiting = wiring.getRun.timeline(parked).orElseThrow();
        assertThat(waiting.currentStep()).isEqualTo("wait");
        assertThat(waiting.steps()).extracting(RunTimeline.StepView::state).containsExactly(StepState.WAITING, StepState.PENDING);
        assertThat(waiting.steps().getFirst().wakeAt()).isEqualTo(T0.plusSeconds(60));

        wiring.clock.advance(Duration.ofSeconds(61));
        Run done = wakeUntil(run, current -> current.status().isTerminal());

        assertThat(done.status()).isEqualTo(RunStatus.SUCCESS);
        StepResult waited = done.stepResults().get("wait");
        assertThat(waited.startedAt()).as("the step began when it was first reached").isEqualTo(T0);
        assertThat(waited.output()).isEqualTo(Map.of("delayed_seconds", 60L));
        assertThat(done.timer()).isNull();
        assertThat(callTimes).as("the webhook after it was called once, after the wake-up").containsExactly(T0.plusSeconds(61));
        assertThat(completed).extracting(Run::id).containsExactly(run.id());
    }

    @Test
    void aThousandRunsOnAMinuteLongDelay_eachCallReturnsAtOnce_andEveryRunFinishesOnceDue() throws InterruptedException {
        Workflow workflow = workflow(null, null, new DelayStep("wait", Duration.ofSeconds(60)));
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            runs.add(trigger(workflow));
        }
        for (Run run : runs) {
            assertThat(execute.execute(run.id())).isEqualTo(Outcome.WAITING);
        }
        assertThat(runs).as("all parked: no lease held, no thread waiting in a call")
                .allSatisfy(run -> assertThat(stored(run).leaseExpiresAt()).isEqualTo(stored(run).timer().wakeAt()));

        wiring.clock.advance(Duration.ofSeconds(60).plusMillis(1));
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (completed.size() < 1000 && System.nanoTime() < deadline) {
            wake.wake();
            Thread.sleep(2);
        }
        assertThat(runs).allSatisfy(run -> assertThat(stored(run).status()).isEqualTo(RunStatus.SUCCESS));
        assertThat(completed).hasSize(1000);
    }

    @Test
    void aLongRetryBackOff_isATimer_thatRemembersTheFailedAttempts_andTheGapsFollowThePolicy() throws InterruptedException {
        RetryPolicy policy = new RetryPolicy(3, Duration.ofSeconds(10), 2.0, Duration.ofSeconds(60), 0, null);
        Run run = trigger(workflow(null, null, new WebhookStep("notify", RECEIVER, "POST", Map.of(), null, policy)));
        answers.add(answered(503));
        answers.add(answered(503));

        assertThat(execute.execute(run.id())).isEqualTo(Outcome.WAITING);
        Timer first = stored(run).timer();
        assertThat(first.wakeAt()).isEqualTo(T0.plusSeconds(10));
        assertThat(first.failedAttempts()).hasSize(1);

        wiring.clock.advance(Duration.ofSeconds(10).plusMillis(1));
        Run second = wakeUntil(run, current -> current.timer() != null && current.timer().failedAttempts().size() == 2);
        assertThat(second.timer().wakeAt()).as("then twice the interval").isEqualTo(T0.plusSeconds(30).plusMillis(1));

        wiring.clock.advance(Duration.ofSeconds(20).plusMillis(1));
        Run done = wakeUntil(run, current -> current.status().isTerminal());

        assertThat(done.status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(done.stepResults().get("notify").allAttempts()).extracting(StepResult.Attempt::error)
                .containsExactly("webhook POST " + RECEIVER + " answered 503", "webhook POST " + RECEIVER + " answered 503", null);
        assertThat(callTimes).containsExactly(T0, T0.plusSeconds(10).plusMillis(1), T0.plusSeconds(30).plusMillis(2));
    }

    @Test
    void theWorkflowsDefaultPolicy_appliesToAWebhookWithoutOneOfItsOwn() {
        RetryPolicy fast = new RetryPolicy(2, Duration.ofMillis(1), 1.0, Duration.ofMillis(1), 0, null);
        Run run = trigger(workflow(fast, null, new WebhookStep("notify", RECEIVER, "POST", Map.of(), null)));
        answers.add(answered(500));

        assertThat(execute.execute(run.id())).isEqualTo(Outcome.EXECUTED);

        assertThat(stored(run).status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(callTimes).hasSize(2);
    }

    @Test
    void aRunTimeout_endsAParkedRunAtItsDeadline_failedWithTheReason() throws InterruptedException {
        Run run = trigger(workflow(null, Duration.ofSeconds(30), new DelayStep("wait", Duration.ofSeconds(60)),
                new WebhookStep("notify", RECEIVER, "POST", Map.of(), null)));

        assertThat(execute.execute(run.id())).isEqualTo(Outcome.WAITING);
        assertThat(stored(run).timer().wakeAt()).as("the timer never sleeps past the run's deadline").isEqualTo(T0.plusSeconds(30));

        wiring.clock.advance(Duration.ofSeconds(31));
        Run done = wakeUntil(run, current -> current.status().isTerminal());

        assertThat(done.status()).isEqualTo(RunStatus.FAILED);
        assertThat(done.error()).isEqualTo("run timed out after 30 s (the workflow's timeout)");
        assertThat(callTimes).as("no step begins after the deadline").isEmpty();
        RunTimeline timeline = wiring.getRun.timeline(done).orElseThrow();
        assertThat(timeline.steps()).extracting(RunTimeline.StepView::state).containsExactly(StepState.SKIPPED, StepState.SKIPPED);
    }

    @Test
    void aCallIsBoundedByWhatIsLeftOfTheRunsTime() {
        Run run = trigger(workflow(null, Duration.ofSeconds(20), new WebhookStep("notify", RECEIVER, "POST", Map.of(), null,
                null, Duration.ofSeconds(120))));

        execute.execute(run.id());

        assertThat(calledSteps).extracting(WebhookStep::timeout).containsExactly(Duration.ofSeconds(20));
    }

    @Test
    void cancellingAParkedRun_endsItAtOnce_andItsTimerNeverFires() throws InterruptedException {
        Run run = trigger(workflow(null, null, new DelayStep("wait", Duration.ofHours(1))));
        assertThat(execute.execute(run.id())).isEqualTo(Outcome.WAITING);

        Run cancelled = new ChangeRunService(wiring.runs, r -> { }, completed::add, wiring.runCacheAside, wiring.clock).cancel(run.tenant(), run.id());

        assertThat(cancelled.status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(cancelled.timer()).isNull();
        wiring.clock.advance(Duration.ofHours(2));
        assertThat(wake.wake()).isZero();
        assertThat(stored(run).status()).isEqualTo(RunStatus.CANCELLED);
    }

    @Test
    void aRunWhoseWorkerDied_isClaimedByTheDuePoll_onceItsLeaseRunsOut_andResumesAfterItsLastCompletedStep() throws InterruptedException {
        Run run = trigger(workflow(null, null, new WebhookStep("first", RECEIVER, "POST", Map.of(), null),
                new WebhookStep("second", RECEIVER, "POST", Map.of(), null)));
        Instant now = wiring.clock.instant();
        Run claimed = stored(run).claim(now, now.plus(MemoryWiring.TIMING.lease()));
        Run firstDone = claimed.withStepResult(StepResult.succeeded("first", now, now, Map.of("status_code", 200)));
        assertThat(wiring.runs.compareAndSet(stored(run), firstDone)).isTrue(); // then its worker died

        assertThat(wake.wake()).as("its lease still runs").isZero();
        wiring.clock.advance(MemoryWiring.TIMING.lease().plusMillis(1));
        Run done = wakeUntil(run, current -> current.status().isTerminal());

        assertThat(done.status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(calledSteps).extracting(WebhookStep::name).as("the completed step is not called again").containsExactly("second");
    }
}
