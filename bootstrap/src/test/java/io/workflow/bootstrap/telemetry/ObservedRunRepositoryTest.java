package io.workflow.bootstrap.telemetry;

import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.Tag;
import io.helidon.metrics.api.Timer;
import io.workflow.adapters.memory.InMemoryCache;
import io.workflow.adapters.memory.InMemoryRunRepository;
import io.workflow.adapters.memory.InMemoryWorkflowRepository;
import io.workflow.domain.run.Run;
import io.workflow.domain.run.StepResult;
import io.workflow.domain.workflow.DelayStep;
import io.workflow.domain.workflow.WebhookStep;
import io.workflow.domain.workflow.Workflow;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * What the observed repository derives from the changes of a run: each counted once, renewals not
 * at all. Helidon's registries share Micrometer's meters within a JVM (other tests record into the
 * same step-type series), so figures not labelled by this test's own workflow are read as changes
 * since the test began.
 */
class ObservedRunRepositoryTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final MeterRegistry registry = Metrics.createMeterRegistry();
    private final Meters meters = new Meters(registry);
    private final InMemoryWorkflowRepository workflows = new InMemoryWorkflowRepository();
    private final Workflow workflow = new Workflow(UUID.randomUUID(), null, "observed", null, List.of(
            new WebhookStep("call", "http://127.0.0.1:1/", "POST", Map.of(), null),
            new DelayStep("pause", Duration.ofSeconds(30))), T0);
    private final ObservedRunRepository runs;
    private final Map<String, Double> baseline = new java.util.HashMap<>();

    ObservedRunRepositoryTest() {
        workflows.save(workflow);
        runs = new ObservedRunRepository(new InMemoryRunRepository(),
                new RunMetrics(meters, new WorkflowLabel()), new StepTypes(workflows, new InMemoryCache<>(Clock.systemUTC(), 100)));
        for (String type : StepTypes.NAMES) {
            for (String name : List.of("workflow_step_attempts", "workflow_step_retries", "workflow_step_cancellations")) {
                baseline.put(name + type, (double) count(name, "type", type));
            }
        }
        baseline.put("queue count", (double) queueWait().count());
        baseline.put("queue ms", queueWait().totalTime(TimeUnit.MILLISECONDS));
        baseline.put("step ms", stepTime().totalTime(TimeUnit.MILLISECONDS));
        baseline.put("run ms", runTime().totalTime(TimeUnit.MILLISECONDS));
    }

    @Test
    void aRunThatRetriesAStep_thenIsCancelledInItsDelay_countsEachEventOnce() {
        Run pending = Run.pending(UUID.randomUUID(), workflow.uuid(), Map.of(), T0);
        runs.insert(pending);
        Run running = change(pending, pending.claim(T0.plusSeconds(2), T0.plusSeconds(30)));
        Run renewed = change(running, running.heldUntil(T0.plusSeconds(60)));
        StepResult twoAttempts = StepResult.succeeded("call", T0.plusSeconds(3), T0.plusSeconds(5), null)
                .after(List.of(new StepResult.Attempt(T0.plusSeconds(2), T0.plusSeconds(3), "answered 500")));
        Run stepped = change(renewed, renewed.withStepResult(twoAttempts));
        Run renewedAgain = change(stepped, stepped.heldUntil(T0.plusSeconds(90)));
        change(renewedAgain, renewedAgain.cancel(T0.plusSeconds(10)));

        String wf = workflow.uuid().toString();
        assertThat(count("workflow_runs_triggered", "workflow", wf)).isEqualTo(1);
        assertThat(added("workflow_step_attempts", "webhook")).isEqualTo(2);
        assertThat(added("workflow_step_retries", "webhook")).isEqualTo(1);
        assertThat(added("workflow_step_cancellations", "delay")).isEqualTo(1);
        assertThat(added("workflow_step_cancellations", "webhook")).isZero();
        assertThat(count("workflow_runs_finished", "workflow", wf, "status", "cancelled")).isEqualTo(1);
        assertThat(queueWait().count() - baseline.get("queue count")).isEqualTo(1);
        assertThat(queueWait().totalTime(TimeUnit.MILLISECONDS) - baseline.get("queue ms")).isCloseTo(2_000, within(1e-6));
        assertThat(stepTime().totalTime(TimeUnit.MILLISECONDS) - baseline.get("step ms")).isCloseTo(3_000, within(1e-6));
        assertThat(runTime().totalTime(TimeUnit.MILLISECONDS) - baseline.get("run ms")).isCloseTo(8_000, within(1e-6));
    }

    @Test
    void aRetriedRun_countsTheRetry_andItsNewAttemptsAgain() {
        Run pending = Run.pending(UUID.randomUUID(), workflow.uuid(), Map.of(), T0);
        runs.insert(pending);
        Run running = change(pending, pending.claim(T0, T0.plusSeconds(30)));
        Run stepped = change(running, running.withStepResult(StepResult.failed("call", T0, T0.plusSeconds(1), null, "answered 500")));
        Run failed = change(stepped, stepped.fail(T0.plusSeconds(1), "step 'call' failed"));
        Run again = change(failed, failed.retry());
        Run runningAgain = change(again, again.claim(T0.plusSeconds(5), T0.plusSeconds(35)));
        change(runningAgain, runningAgain.withStepResult(StepResult.succeeded("call", T0.plusSeconds(5), T0.plusSeconds(6), null)));

        assertThat(count("workflow_runs_retried", "workflow", workflow.uuid().toString())).isEqualTo(1);
        assertThat(added("workflow_step_attempts", "webhook")).isEqualTo(2);
        assertThat(added("workflow_step_retries", "webhook")).isZero();
        assertThat(count("workflow_runs_finished", "workflow", workflow.uuid().toString(), "status", "failed")).isEqualTo(1);
    }

    @Test
    void aOneStepClaim_countsTheStartOnce_aRefusedClaimOrATakeOverNothing() {
        Run pending = Run.pending(UUID.randomUUID(), workflow.uuid(), Map.of(), T0);
        runs.insert(pending);

        assertThat(runs.claim(pending.id(), T0.plusSeconds(2), T0.plusSeconds(30))).isPresent();
        assertThat(runs.claim(pending.id(), T0.plusSeconds(3), T0.plusSeconds(33))).as("lease still live").isEmpty();
        assertThat(runs.claim(pending.id(), T0.plusSeconds(31), T0.plusSeconds(61))).as("a takeover").isPresent();

        assertThat(queueWait().count() - baseline.get("queue count")).isEqualTo(1);
        // a difference of two sums in double: exact only up to the rounding of whatever the baseline held
        assertThat(queueWait().totalTime(TimeUnit.MILLISECONDS) - baseline.get("queue ms")).isCloseTo(2_000, within(1e-6));
    }

    @Test
    void aLostCompareAndSet_countsNothing() {
        Run pending = Run.pending(UUID.randomUUID(), workflow.uuid(), Map.of(), T0);
        runs.insert(pending);
        change(pending, pending.claim(T0, T0.plusSeconds(30)));

        assertThat(runs.compareAndSet(pending, pending.cancel(T0))).isFalse();
        assertThat(count("workflow_runs_finished", "workflow", workflow.uuid().toString(), "status", "cancelled")).isZero();
    }

    @Test
    void theWorkflowLabel_isCappedAtItsLimit_thenOther() {
        WorkflowLabel label = new WorkflowLabel(2);
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        assertThat(label.of(first)).isEqualTo(first.toString());
        assertThat(label.of(second)).isEqualTo(second.toString());
        assertThat(label.of(UUID.randomUUID())).isEqualTo(WorkflowLabel.OTHER);
        assertThat(label.of(first)).isEqualTo(first.toString());
    }

    private Run change(Run expected, Run next) {
        assertThat(runs.compareAndSet(expected, next)).isTrue();
        return next;
    }

    /** The timers as the repository's meters hold them (the same lookup, so the same series). */
    private Timer queueWait() {
        return meters.timer(RunMetrics.QUEUE_WAIT, "", Meters.FAST);
    }

    private Timer stepTime() {
        return meters.timer(RunMetrics.STEP_DURATION, "", Meters.SLOW, "type", "webhook", "status", "success");
    }

    private Timer runTime() {
        return meters.timer(RunMetrics.RUN_DURATION, "", Meters.SLOW, "status", "cancelled");
    }

    private double added(String name, String type) {
        return count(name, "type", type) - baseline.get(name + type);
    }

    private long count(String name, String... labels) {
        return registry.counter(name, tags(labels)).map(c -> c.count()).orElse(0L);
    }

    private static List<Tag> tags(String... labels) {
        List<Tag> tags = new java.util.ArrayList<>();
        for (int i = 0; i < labels.length; i += 2) {
            tags.add(Tag.create(labels[i], labels[i + 1]));
        }
        return tags;
    }
}
