package io.workflow.application.service;

import io.workflow.application.ExecuteRun;
import io.workflow.application.ExecuteRun.Outcome;
import io.workflow.application.TriggerRun;
import io.workflow.domain.TimeOrderedIds;
import io.workflow.domain.page.Page;
import io.workflow.domain.port.RunDispatcher.DispatchException;
import io.workflow.domain.port.RunRepository;
import io.workflow.domain.port.StepExecutor;
import io.workflow.domain.port.StepExecutor.StepOutcome;
import io.workflow.domain.run.Run;
import io.workflow.domain.run.RunContext;
import io.workflow.domain.run.RunContext.UnresolvedPlaceholderException;
import io.workflow.domain.run.RunQuery;
import io.workflow.domain.run.RunStatus;
import io.workflow.domain.run.StepResult;
import io.workflow.domain.run.StepResult.StepStatus;
import io.workflow.domain.workflow.Step;
import io.workflow.domain.workflow.Workflow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.workflow.application.service.MemoryWiring.T0;
import static org.assertj.core.api.Assertions.assertThat;

class ExecuteRunTest {
    private static final List<String> STEPS = List.of("first", "second", "third");

    private final MemoryWiring wiring = new MemoryWiring();
    private final TriggerRun trigger = wiring.triggerRun(run -> { });
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final Map<String, Map<String, Object>> seen = new LinkedHashMap<>();
    private final List<Run> completed = new CopyOnWriteArrayList<>();
    private final ExecutorService threads = Executors.newFixedThreadPool(2);
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stopThreads() {
        release.countDown();
        threads.shutdownNow();
    }

    private ExecuteRun execute(StepExecutor steps) {
        return wiring.executeRun(steps, completed::add);
    }

    /** Records the call and what the step can see, takes one second, and outputs {@code {"out": "from <step>"}}. */
    private StepOutcome succeed(Step step, RunContext context) {
        calls.add(step.name());
        seen.put(step.name(), visible(context));
        wiring.clock.advance(Duration.ofSeconds(1));
        return new StepOutcome.Succeeded(Map.of("out", "from " + step.name()));
    }

    private static Map<String, Object> visible(RunContext context) {
        Map<String, Object> visible = new LinkedHashMap<>();
        visible.put("payload.user_id", context.resolve("${payload.user_id}", String::valueOf));
        for (String name : STEPS) {
            try {
                visible.put(name, context.resolve("${" + name + ".out}", String::valueOf));
            } catch (UnresolvedPlaceholderException e) {
                // not (yet) run
            }
        }
        return visible;
    }

    private Run triggered(Workflow workflow) {
        return trigger.trigger(new TriggerRun.Command(workflow.uuid(), Map.of("user_id", 42)));
    }

    private Run stored(Run run) {
        return wiring.runs.findById(run.id()).orElseThrow();
    }

    private void awaitLatch(CountDownLatch latch) {
        try {
            if (!latch.await(5, TimeUnit.SECONDS)) {
                throw new AssertionError("latch not released within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void whenInterruptedDuringAStep_theRunIsHandedBack_withItsCompletedSteps_andTheNextExecutionResumesAtThatStep() throws Exception {
        Run run = triggered(wiring.workflowOfDelays("first", "second", "third"));
        Future<Outcome> outcome = threads.submit(() -> execute((step, context) -> {
            if (step.name().equals("second")) {
                calls.add(step.name());
                Thread.currentThread().interrupt(); // as a delay step does when its sleep is interrupted
                return new StepOutcome.Failed("interrupted", null);
            }
            return succeed(step, context);
        }).execute(run.id()));

        assertThat(outcome.get(5, TimeUnit.SECONDS)).isEqualTo(Outcome.INTERRUPTED);
        Run handedBack = stored(run);
        assertThat(handedBack.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(handedBack.stepResults()).containsOnlyKeys("first");
        assertThat(handedBack.leaseExpiresAt()).as("lease ended when handed back").isEqualTo(wiring.clock.instant());
        assertThat(completed).isEmpty();

        wiring.clock.advance(Duration.ofMillis(1));
        assertThat(execute(this::succeed).execute(run.id())).isEqualTo(Outcome.EXECUTED);

        Run done = stored(run);
        assertThat(done.status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(calls).as("the completed step is not performed again").containsExactly("first", "second", "second", "third");
        assertThat(done.stepResults().get("first")).isEqualTo(handedBack.stepResults().get("first"));
        assertThat(done.startedAt()).isEqualTo(T0);
        assertThat(completed).containsExactly(done);
    }

    @Test
    void whileAStepRuns_theHeartbeatRenewsTheLease_fromTheClockOfEachBeat() throws Exception {
        Run run = triggered(wiring.workflowOfDelays("slow", "next"));
        Instant renewedTo = T0.plusSeconds(100 + 30);
        try (ExecuteRunService execute = wiring.executeRun(wiring.runs, (step, context) -> {
            if (step.name().equals("slow")) {
                assertThat(stored(run).leaseExpiresAt()).isEqualTo(T0.plusSeconds(30));
                wiring.clock.advance(Duration.ofSeconds(100)); // the claim's lease is long over, by the clock
                awaitStoredLease(run, renewedTo);
            }
            return new StepOutcome.Succeeded(step.name());
        }, completed::add, new ExecuteRunService.Timing(Duration.ofSeconds(30), Duration.ofMillis(20)))) {

            assertThat(execute.execute(run.id())).isEqualTo(Outcome.EXECUTED);
        }
        assertThat(stored(run).status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(stored(run).stepResults()).containsOnlyKeys("slow", "next");
    }

    @Test
    void givenRunWhoseWorkerDiedAfterItsFirstStep_execute_resumesAtTheSecond_keepingTheFirstResult() {
        Run run = triggered(wiring.workflowOfDelays("first", "second", "third"));
        StepResult first = StepResult.succeeded("first", T0, T0.plusSeconds(1), Map.of("out", "from the dead worker"));
        Run claimed = stored(run).claim(T0, T0.plusSeconds(10));
        assertThat(wiring.runs.compareAndSet(stored(run), claimed)).isTrue();
        assertThat(wiring.runs.compareAndSet(claimed, claimed.withStepResult(first))).isTrue();
        wiring.clock.advance(Duration.ofSeconds(11));

        assertThat(execute(this::succeed).execute(run.id())).isEqualTo(Outcome.EXECUTED);

        Run done = stored(run);
        assertThat(calls).containsExactly("second", "third");
        assertThat(seen.get("second")).as("the kept output is the context").containsEntry("first", "from the dead worker");
        assertThat(done.status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(done.stepResults().get("first")).isEqualTo(first);
        assertThat(done.stepResults()).containsOnlyKeys("first", "second", "third");
    }

    private void awaitStoredLease(Run run, Instant expected) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!expected.equals(stored(run).leaseExpiresAt())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("lease not renewed to " + expected + " within 5 s; stored: " + stored(run).leaseExpiresAt());
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void givenPendingRun_execute_runsEveryStepInOrder_withPayloadAndEarlierOutputs_andSucceeds() {
        Run run = triggered(wiring.workflowOfDelays("first", "second", "third"));
        assertThat(wiring.runCache.get(run.id())).as("cached on trigger").isPresent();
        wiring.clock.advance(Duration.ofSeconds(5));

        Outcome outcome = execute(this::succeed).execute(run.id());

        assertThat(outcome).isEqualTo(Outcome.EXECUTED);
        assertThat(calls).containsExactly("first", "second", "third");
        assertThat(seen.get("first")).isEqualTo(Map.of("payload.user_id", 42));
        assertThat(seen.get("second")).isEqualTo(Map.of("payload.user_id", 42, "first", "from first"));
        assertThat(seen.get("third")).isEqualTo(Map.of("payload.user_id", 42, "first", "from first", "second", "from second"));

        Run done = stored(run);
        assertThat(done.status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(done.startedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(done.completedAt()).isEqualTo(T0.plusSeconds(8));
        assertThat(done.error()).isNull();
        assertThat(done.leaseExpiresAt()).isNull();
        assertThat(done.stepResults().keySet()).containsExactly("first", "second", "third");
        for (int i = 0; i < STEPS.size(); i++) {
            String name = STEPS.get(i);
            assertThat(done.stepResults().get(name)).isEqualTo(StepResult.succeeded(name,
                    T0.plusSeconds(5 + i), T0.plusSeconds(6 + i), Map.of("out", "from " + name)));
        }
        assertThat(completed).containsExactly(done);
        assertThat(wiring.runCache.get(run.id())).as("cache entry dropped on change").isEmpty();
        assertThat(wiring.getRun.get(run.id())).isEqualTo(done);
    }

    @Test
    void whileRunning_theRunIsClaimedUnderTheLease_andEachResultIsStoredAsItComes() {
        Run run = triggered(wiring.workflowOfDelays("first", "second", "third"));
        List<Run> duringSteps = new ArrayList<>();
        List<RunStatus> readerSaw = new ArrayList<>();

        execute((step, context) -> {
            duringSteps.add(stored(run));
            readerSaw.add(wiring.getRun.get(run.id()).status());
            return new StepOutcome.Succeeded(step.name());
        }).execute(run.id());

        // claimed at T0 for the 30 s lease (the heartbeat does not beat within this test)
        assertThat(duringSteps).extracting(Run::leaseExpiresAt).containsOnly(T0.plusSeconds(30));
        assertThat(duringSteps).extracting(Run::status).containsOnly(RunStatus.RUNNING);
        assertThat(duringSteps).extracting(stored -> stored.stepResults().keySet().stream().toList())
                .containsExactly(List.of(), List.of("first"), List.of("first", "second"));
        assertThat(readerSaw).as("readers never see the stale pending entry").containsOnly(RunStatus.RUNNING);
    }

    @Test
    void givenFailingSecondStep_execute_failsTheRunNamingTheStep_andNeverCallsTheThird() {
        Run run = triggered(wiring.workflowOfDelays("first", "second", "third"));

        Outcome outcome = execute((step, context) -> {
            if (step.name().equals("second")) {
                calls.add(step.name());
                return new StepOutcome.Failed("HTTP 503", Map.of("status", 503));
            }
            return succeed(step, context);
        }).execute(run.id());

        assertThat(outcome).isEqualTo(Outcome.EXECUTED);
        assertThat(calls).containsExactly("first", "second");
        Run failed = stored(run);
        assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
        assertThat(failed.error()).contains("second").contains("HTTP 503");
        assertThat(failed.completedAt()).isNotNull();
        assertThat(failed.stepResults().keySet()).containsExactly("first", "second");
        assertThat(failed.stepResults().get("first").status()).isEqualTo(StepStatus.SUCCESS);
        StepResult second = failed.stepResults().get("second");
        assertThat(second.status()).isEqualTo(StepStatus.FAILED);
        assertThat(second.error()).isEqualTo("HTTP 503");
        assertThat(second.output()).isEqualTo(Map.of("status", 503));
        assertThat(completed).containsExactly(failed);
        assertThat(wiring.runCache.get(run.id())).isEmpty();
    }

    @Test
    void givenStepExecutorThatThrows_execute_recordsTheStepAsFailedWithTheMessage_andFailsTheRun() {
        Run run = triggered(wiring.workflowOfDelays("first", "second", "third"));

        Outcome outcome = execute((step, context) -> {
            if (step.name().equals("second")) {
                throw new IllegalStateException("connection reset");
            }
            return succeed(step, context);
        }).execute(run.id());

        assertThat(outcome).isEqualTo(Outcome.EXECUTED);
        assertThat(calls).containsExactly("first");
        Run failed = stored(run);
        assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
        assertThat(failed.error()).contains("second").contains("connection reset");
        StepResult second = failed.stepResults().get("second");
        assertThat(second.status()).isEqualTo(StepStatus.FAILED);
        assertThat(second.error()).isEqualTo("connection reset");
        assertThat(failed.stepResults()).doesNotContainKey("third");
        assertThat(completed).containsExactly(failed);
    }

    @Test
    void givenStepExecutorThatThrowsWithoutAMessage_theStepErrorNamesTheException() {
        Run run = triggered(wiring.workflowOfDelays("first"));

        execute((step, context) -> {
            throw new NullPointerException();
        }).execute(run.id());

        assertThat(stored(run).stepResults().get("first").error()).isEqualTo("NullPointerException");
        assertThat(stored(run).status()).isEqualTo(RunStatus.FAILED);
    }

    @Test
    void givenFinishedRun_execute_returnsAlreadyFinished_andCallsNothing() {
        Run run = triggered(wiring.workflowOfDelays("first", "second"));
        ExecuteRun execute = execute(this::succeed);
        execute.execute(run.id());
        Run done = stored(run);
        calls.clear();

        Outcome again = execute.execute(run.id());

        assertThat(again).isEqualTo(Outcome.ALREADY_FINISHED);
        assertThat(calls).isEmpty();
        assertThat(stored(run)).isEqualTo(done);
        assertThat(completed).hasSize(1);
    }

    @Test
    void givenRunThatFailedToDispatch_execute_returnsAlreadyFinished() {
        Workflow workflow = wiring.workflowOfDelays("first");
        TriggerRun refusing = wiring.triggerRun(run -> {
            throw new DispatchException("down", null);
        });
        try {
            refusing.trigger(new TriggerRun.Command(workflow.uuid(), Map.of()));
        } catch (DispatchException expected) {
            // the run is stored failed
        }
        Run failed = wiring.storedRuns().getFirst();

        assertThat(execute(this::succeed).execute(failed.id())).isEqualTo(Outcome.ALREADY_FINISHED);
        assertThat(calls).isEmpty();
    }

    @Test
    void givenUnknownRun_execute_returnsNotFound() {
        assertThat(execute(this::succeed).execute(UUID.randomUUID())).isEqualTo(Outcome.NOT_FOUND);
        assertThat(calls).isEmpty();
        assertThat(completed).isEmpty();
    }

    @Test
    void givenRunOfAMissingWorkflow_execute_failsTheRunSayingSo() {
        UUID missingWorkflow = UUID.randomUUID();
        Run orphan = Run.pending(TimeOrderedIds.next(T0), missingWorkflow, Map.of(), T0);
        wiring.runs.insert(orphan);

        Outcome outcome = execute(this::succeed).execute(orphan.id());

        assertThat(outcome).isEqualTo(Outcome.EXECUTED);
        assertThat(calls).isEmpty();
        Run failed = stored(orphan);
        assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
        assertThat(failed.error()).contains(missingWorkflow.toString()).contains("no longer exists");
        assertThat(completed).containsExactly(failed);
    }

    @Test
    void twoConcurrentExecutions_ofOneRun_exactlyOneExecutes_andTheStepsRunOnce() throws Exception {
        Run run = triggered(wiring.workflowOfDelays("only"));
        CountDownLatch entered = new CountDownLatch(1);
        ExecuteRun execute = execute((step, context) -> {
            calls.add(step.name());
            entered.countDown();
            awaitLatch(release);
            return new StepOutcome.Succeeded(null);
        });
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorCompletionService<Outcome> outcomes = new ExecutorCompletionService<>(threads);
        for (int i = 0; i < 2; i++) {
            outcomes.submit(() -> {
                start.await(5, TimeUnit.SECONDS);
                return execute.execute(run.id());
            });
        }

        awaitLatch(entered);
        Future<Outcome> first = outcomes.poll(5, TimeUnit.SECONDS);
        assertThat(first).as("the loser returns while the winner is still inside its step").isNotNull();
        assertThat(first.get()).isEqualTo(Outcome.HELD_ELSEWHERE);

        release.countDown();
        Future<Outcome> second = outcomes.poll(5, TimeUnit.SECONDS);
        assertThat(second).isNotNull();
        assertThat(second.get()).isEqualTo(Outcome.EXECUTED);
        assertThat(calls).containsExactly("only");
        assertThat(stored(run).status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(completed).hasSize(1);
    }

    @Test
    void twoExecutionsThatClaimThePendingRunTogether_exactlyOneWinsTheClaim_andTheStepsRunOnce() throws Exception {
        Run run = triggered(wiring.workflowOfDelays("only"));
        // Both callers reach the store's claim together, so only the claim's own condition can keep one out.
        CyclicBarrier bothClaim = new CyclicBarrier(2);
        RunRepository claimTogether = new RunRepository() {
            @Override
            public void insert(Run r) {
                wiring.runs.insert(r);
            }

            @Override
            public Optional<Run> findById(UUID id) {
                return wiring.runs.findById(id);
            }

            @Override
            public Page<Run> list(RunQuery query) {
                return wiring.runs.list(query);
            }

            @Override
            public boolean compareAndSet(Run expected, Run next) {
                return wiring.runs.compareAndSet(expected, next);
            }

            @Override
            public Optional<Run> claim(UUID id, Instant now, Instant leaseUntil) {
                try {
                    bothClaim.await(5, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException("the other caller never claimed the run", e);
                }
                return wiring.runs.claim(id, now, leaseUntil);
            }

            @Override
            public List<Run> findStranded(Instant pendingBefore, Instant now, int limit) {
                return wiring.runs.findStranded(pendingBefore, now, limit);
            }

            @Override
            public List<Run> claimDue(Instant now, Instant leaseUntil, int limit) {
                return wiring.runs.claimDue(now, leaseUntil, limit);
            }
        };
        CountDownLatch entered = new CountDownLatch(1);
        ExecuteRun execute = wiring.executeRun(claimTogether, (step, context) -> {
            calls.add(step.name());
            entered.countDown();
            awaitLatch(release);
            return new StepOutcome.Succeeded(null);
        }, completed::add);
        ExecutorCompletionService<Outcome> outcomes = new ExecutorCompletionService<>(threads);
        for (int i = 0; i < 2; i++) {
            outcomes.submit(() -> execute.execute(run.id()));
        }

        awaitLatch(entered);
        Future<Outcome> first = outcomes.poll(5, TimeUnit.SECONDS);
        assertThat(first).as("the loser returns while the winner is still inside its step").isNotNull();
        assertThat(first.get()).isEqualTo(Outcome.HELD_ELSEWHERE);

        release.countDown();
        Future<Outcome> second = outcomes.poll(5, TimeUnit.SECONDS);
        assertThat(second).isNotNull();
        assertThat(second.get()).isEqualTo(Outcome.EXECUTED);
        assertThat(calls).containsExactly("only");
        assertThat(stored(run).status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(completed).hasSize(1);
    }

    @Test
    void givenRunHeldUnderAnExpiredLease_anotherExecutionTakesItOver_andTheFirstWorkerBacksOff() throws Exception {
        Run run = triggered(wiring.workflowOfDelays("only"));
        CountDownLatch entered = new CountDownLatch(1);
        AtomicInteger attempts = new AtomicInteger();
        ExecuteRun execute = execute((step, context) -> {
            calls.add(step.name());
            if (attempts.incrementAndGet() == 1) {
                entered.countDown();
                awaitLatch(release);
                return new StepOutcome.Succeeded("from the stalled worker");
            }
            return new StepOutcome.Succeeded("from the second worker");
        });
        Future<Outcome> stalled = threads.submit(() -> execute.execute(run.id()));
        awaitLatch(entered);
        Instant firstLease = stored(run).leaseExpiresAt();
        assertThat(firstLease).isEqualTo(T0.plusSeconds(30));

        assertThat(execute.execute(run.id())).as("lease still live").isEqualTo(Outcome.HELD_ELSEWHERE);

        wiring.clock.advance(Duration.ofSeconds(31));
        assertThat(execute.execute(run.id())).as("lease expired").isEqualTo(Outcome.EXECUTED);

        Run done = stored(run);
        assertThat(done.status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(done.startedAt()).as("resumed: the run keeps its start").isEqualTo(T0);
        assertThat(done.stepResults().get("only").output()).isEqualTo("from the second worker");

        release.countDown();
        assertThat(stalled.get(5, TimeUnit.SECONDS)).isEqualTo(Outcome.HELD_ELSEWHERE);
        assertThat(stored(run)).as("the stalled worker changed nothing").isEqualTo(done);
        assertThat(calls).hasSize(2);
        assertThat(completed).containsExactly(done);
    }
}
