package io.workflow.application.service;

import io.workflow.application.CreateWorkflow;
import io.workflow.application.ExecuteRun.Outcome;
import io.workflow.application.TriggerRun;
import io.workflow.domain.port.StepExecutor.StepOutcome;
import io.workflow.domain.run.Run;
import io.workflow.domain.run.RunStatus;
import io.workflow.domain.run.StepResult;
import io.workflow.domain.workflow.RetryPolicy;
import io.workflow.domain.workflow.RetryPolicy.Failure;
import io.workflow.domain.workflow.WebhookStep;
import io.workflow.domain.workflow.Workflow;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** A webhook step with a retry policy, over the memory adapters; the receiver's answers are scripted. */
class StepRetryTest {
    private static final Duration INTERVAL = Duration.ofMillis(40);

    private final MemoryWiring wiring = new MemoryWiring();
    private final TriggerRun trigger = wiring.triggerRun(run -> { });
    private final List<Long> callNanos = new CopyOnWriteArrayList<>();

    private Run runOf(RetryPolicy policy) {
        Workflow workflow = wiring.createWorkflow.create(new CreateWorkflow.Command(null, "retrying", null,
                List.of(new WebhookStep("notify", "http://receiver.test/", "POST", Map.of(), null, policy))));
        return trigger.trigger(new TriggerRun.Command(workflow.uuid(), Map.of()));
    }

    /** Executes the run against a receiver that answers with {@code answers}, in turn. */
    private Run execute(Run run, StepOutcome... answers) {
        Deque<StepOutcome> script = new ArrayDeque<>(List.of(answers));
        Outcome outcome = wiring.executeRun((step, context) -> {
            callNanos.add(System.nanoTime());
            return script.poll();
        }, finished -> { }).execute(run.id());
        assertThat(outcome).isEqualTo(Outcome.EXECUTED);
        return wiring.runs.findById(run.id()).orElseThrow();
    }

    private static StepOutcome answered(int status) {
        Failure kind = status >= 500 ? Failure.SERVER_ERROR : status == 429 ? Failure.TOO_MANY_REQUESTS : Failure.CLIENT_ERROR;
        return new StepOutcome.Failed("webhook POST http://receiver.test/ answered " + status, Map.of("status_code", status), kind, null);
    }

    @Test
    void aReceiverThatFailsTwiceThenAnswers_succeedsOnTheThirdAttempt_withEveryAttemptRecorded_andTheBackOffBetween() {
        Run run = runOf(new RetryPolicy(3, INTERVAL, 2.0, Duration.ofSeconds(1), 0, null));

        Run done = execute(run, answered(503), answered(503), new StepOutcome.Succeeded(Map.of("status_code", 200)));

        assertThat(done.status()).isEqualTo(RunStatus.SUCCESS);
        StepResult notify = done.stepResults().get("notify");
        assertThat(notify.allAttempts()).hasSize(3);
        assertThat(notify.allAttempts()).extracting(StepResult.Attempt::error)
                .containsExactly("webhook POST http://receiver.test/ answered 503", "webhook POST http://receiver.test/ answered 503", null);
        assertThat(callNanos).hasSize(3);
        assertThat(Duration.ofNanos(callNanos.get(1) - callNanos.get(0))).as("first wait: the initial interval").isGreaterThanOrEqualTo(INTERVAL);
        assertThat(Duration.ofNanos(callNanos.get(2) - callNanos.get(1))).as("second wait: twice that").isGreaterThanOrEqualTo(INTERVAL.multipliedBy(2));
    }

    @Test
    void aReceiverAnswering400_isNotRetried_andTheRunFailsNamingTheStep() {
        Run run = runOf(new RetryPolicy(3, INTERVAL, 2.0, Duration.ofSeconds(1), 0, null));

        Run done = execute(run, answered(400));

        assertThat(done.status()).isEqualTo(RunStatus.FAILED);
        assertThat(done.error()).isEqualTo("step 'notify' failed: webhook POST http://receiver.test/ answered 400");
        assertThat(callNanos).hasSize(1);
        assertThat(done.stepResults().get("notify").attempts()).as("one attempt: no list").isEmpty();
    }

    @Test
    void attemptsRunOut_theLastFailureEndsTheRun_afterMaxAttemptsCalls() {
        Run run = runOf(new RetryPolicy(2, INTERVAL, 1.0, INTERVAL, 0, null));

        Run done = execute(run, answered(502), answered(500), new StepOutcome.Succeeded(null));

        assertThat(done.status()).isEqualTo(RunStatus.FAILED);
        assertThat(done.error()).endsWith("answered 500");
        assertThat(callNanos).hasSize(2);
    }

    @Test
    void theReceiversRetryAfter_replacesTheBackOff_upToTheMaximumInterval() {
        Run run = runOf(new RetryPolicy(2, Duration.ofMillis(1), 1.0, Duration.ofMillis(150), 0, null));

        Run done = execute(run, new StepOutcome.Failed("answered 429", null, Failure.TOO_MANY_REQUESTS, Duration.ofSeconds(30)),
                new StepOutcome.Succeeded(null));

        assertThat(done.status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(Duration.ofNanos(callNanos.get(1) - callNanos.get(0))).as("Retry-After 30 s, capped at 150 ms")
                .isBetween(Duration.ofMillis(150), Duration.ofSeconds(10));
    }

    @Test
    void withoutAPolicy_aFailedCallIsMadeOnce_asTheSeedDoes() {
        Run run = runOf(null);

        Run done = execute(run, answered(503), new StepOutcome.Succeeded(null));

        assertThat(done.status()).isEqualTo(RunStatus.FAILED);
        assertThat(callNanos).hasSize(1);
    }
}
