package io.workflow.application.service;

import io.workflow.adapters.memory.InProcessRunDispatcher;
import io.workflow.application.ExecuteRun;
import io.workflow.application.TriggerRun;
import io.workflow.domain.port.RunDispatcher.DispatchException;
import io.workflow.domain.port.StepExecutor;
import io.workflow.domain.port.StepExecutor.StepOutcome;
import io.workflow.domain.run.Run;
import io.workflow.domain.run.RunStatus;
import io.workflow.domain.workflow.Workflow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** TriggerRun through the in-process dispatcher into ExecuteRun: the embedded mode, end to end. */
class InProcessDispatchTest {
    private final MemoryWiring wiring = new MemoryWiring();
    private final Workflow workflow = wiring.workflowOfDelays("first", "second");
    private final CountDownLatch gate = new CountDownLatch(1);
    private InProcessRunDispatcher dispatcher;

    @AfterEach
    void closeDispatcher() {
        gate.countDown();
        if (dispatcher != null) {
            dispatcher.close();
        }
    }

    private TriggerRun wire(StepExecutor steps, CountDownLatch completions, int concurrency) {
        ExecuteRun execute = wiring.executeRun(steps, run -> completions.countDown());
        dispatcher = new InProcessRunDispatcher(concurrency);
        dispatcher.start(execute::execute);
        return wiring.triggerRun(dispatcher);
    }

    private static void await(CountDownLatch latch, String what) throws InterruptedException {
        assertThat(latch.await(10, TimeUnit.SECONDS)).as(what).isTrue();
    }

    @Test
    void fiftyTriggeredRuns_allReachSuccess() throws Exception {
        CountDownLatch completions = new CountDownLatch(50);
        AtomicInteger stepCalls = new AtomicInteger();
        TriggerRun trigger = wire((step, context) -> {
            stepCalls.incrementAndGet();
            return new StepOutcome.Succeeded(Map.of("n", context.resolve("${payload.n}", String::valueOf)));
        }, completions, 8);

        List<Run> triggered = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            triggered.add(trigger.trigger(new TriggerRun.Command(workflow.uuid(), Map.of("n", i))));
        }
        await(completions, "all 50 runs completed");

        for (int i = 0; i < 50; i++) {
            Run run = wiring.getRun.get(triggered.get(i).id());
            assertThat(run.status()).isEqualTo(RunStatus.SUCCESS);
            assertThat(run.stepResults().keySet()).containsExactly("first", "second");
            assertThat(run.stepResults().get("second").output()).isEqualTo(Map.of("n", i));
        }
        assertThat(stepCalls).hasValue(100);
    }

    @Test
    void simultaneousStepExecutions_neverExceedTheConcurrencyBound() throws Exception {
        int bound = 3;
        int runs = 12;
        AtomicInteger inStep = new AtomicInteger();
        AtomicInteger maxInStep = new AtomicInteger();
        CountDownLatch boundReached = new CountDownLatch(bound);
        CountDownLatch oneMore = new CountDownLatch(bound + 1);
        CountDownLatch completions = new CountDownLatch(runs);
        TriggerRun trigger = wire((step, context) -> {
            maxInStep.accumulateAndGet(inStep.incrementAndGet(), Math::max);
            boundReached.countDown();
            oneMore.countDown();
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inStep.decrementAndGet();
            return new StepOutcome.Succeeded(null);
        }, completions, bound);

        for (int i = 0; i < runs; i++) {
            trigger.trigger(new TriggerRun.Command(workflow.uuid(), Map.of()));
        }
        await(boundReached, bound + " runs in their first step");
        // With every slot blocked, a run past the bound would enter a step now; give it the chance.
        assertThat(oneMore.await(200, TimeUnit.MILLISECONDS)).as("a run past the bound started").isFalse();
        assertThat(inStep).hasValue(bound);

        gate.countDown();
        await(completions, "all runs completed");

        assertThat(maxInStep).hasValue(bound);
        assertThat(wiring.storedRuns()).hasSize(runs).extracting(Run::status).containsOnly(RunStatus.SUCCESS);
    }

    @Test
    void givenClosedDispatcher_trigger_throwsDispatchException_andTheRunIsStoredFailed() {
        TriggerRun trigger = wire((step, context) -> new StepOutcome.Succeeded(null), new CountDownLatch(1), 2);
        dispatcher.close();

        assertThatThrownBy(() -> trigger.trigger(new TriggerRun.Command(workflow.uuid(), Map.of())))
                .isInstanceOf(DispatchException.class);

        assertThat(wiring.storedRuns()).singleElement().satisfies(run -> {
            assertThat(run.status()).isEqualTo(RunStatus.FAILED);
            assertThat(run.error()).contains("dispatch");
            assertThat(wiring.getRun.get(run.id()).status()).isEqualTo(RunStatus.FAILED);
        });
    }

    @Test
    void aStepExecutorThatThrows_failsItsRun_andTheDispatcherKeepsExecutingOthers() throws Exception {
        CountDownLatch completions = new CountDownLatch(2);
        TriggerRun trigger = wire((step, context) -> {
            if (Boolean.TRUE.equals(context.resolve("${payload.explode}", String::valueOf))) {
                throw new IllegalStateException("exploded");
            }
            return new StepOutcome.Succeeded(null);
        }, completions, 1);

        Run exploding = trigger.trigger(new TriggerRun.Command(workflow.uuid(), Map.of("explode", true)));
        Run fine = trigger.trigger(new TriggerRun.Command(workflow.uuid(), Map.of("explode", false)));
        await(completions, "both runs completed");

        assertThat(wiring.getRun.get(exploding.id()).status()).isEqualTo(RunStatus.FAILED);
        assertThat(wiring.getRun.get(exploding.id()).error()).contains("exploded");
        assertThat(wiring.getRun.get(fine.id()).status()).isEqualTo(RunStatus.SUCCESS);
    }
}
