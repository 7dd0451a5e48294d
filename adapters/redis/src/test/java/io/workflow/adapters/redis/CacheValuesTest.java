package io.workflow.adapters.redis;

import io.workflow.domain.run.Run;
import io.workflow.domain.run.StepResult;
import io.workflow.domain.workflow.DelayStep;
import io.workflow.domain.workflow.PayloadSchema;
import io.workflow.domain.workflow.RetryPolicy;
import io.workflow.domain.workflow.WebhookStep;
import io.workflow.domain.workflow.Workflow;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the cache holds reads back equal to what was put, lease included. */
class CacheValuesTest {
    private static final Instant T0 = Instant.parse("2025-01-01T10:00:00.123456Z");

    @Test
    void workflow_roundTripsEveryField() {
        Workflow workflow = new Workflow(UUID.randomUUID(), "client-7", "onboarding", "sends a welcome call", List.of(
                new DelayStep("wait", Duration.ofMillis(1500)),
                new WebhookStep("notify", "https://example.com/hooks/${payload.user_id}", "POST",
                        Map.of("X-User", "${payload.user_id}"), Map.of("user", "${payload.user_id}", "n", List.of(1, 2.5))),
                new WebhookStep("retried", "https://example.com/", "GET", Map.of(), null, new RetryPolicy(3,
                        Duration.ofMillis(250), 1.5, Duration.ofSeconds(9), 0.1, null))),
                T0);

        assertThat(CacheValues.workflow(CacheValues.workflow(workflow))).isEqualTo(workflow);
    }

    @Test
    void archivedWorkflow_roundTripsItsArchiveTime() {
        Workflow workflow = new Workflow(UUID.randomUUID(), null, "old", null,
                List.of(new DelayStep("wait", Duration.ofSeconds(1))), T0).archive(T0.plusSeconds(60));

        Workflow read = CacheValues.workflow(CacheValues.workflow(workflow));

        assertThat(read).isEqualTo(workflow);
        assertThat(read.archivedAt()).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void aLaterVersion_roundTripsItsNumberAndDeclaredSchema() {
        Workflow workflow = new Workflow(UUID.randomUUID(), null, "v3", null, List.of(new DelayStep("wait", Duration.ofSeconds(1))),
                T0, null, null, null, "acme", 3, PayloadSchema.of(Map.of("type", "object", "required", List.of("user_id"))));

        Workflow read = CacheValues.workflow(CacheValues.workflow(workflow));

        assertThat(read).isEqualTo(workflow);
        assertThat(read.version()).isEqualTo(3);
        assertThat(read.payloadSchema().violations(Map.of())).containsExactly("$.user_id: is required");
    }

    @Test
    void aRunOfALaterVersion_roundTripsTheVersion() {
        Run run = Run.pending(UUID.randomUUID(), UUID.randomUUID(), Map.of(), T0, "acme", 4);

        assertThat(CacheValues.run(CacheValues.run(run)).workflowVersion()).isEqualTo(4);
    }

    @Test
    void pendingRun_roundTrips() {
        Run run = Run.pending(UUID.randomUUID(), UUID.randomUUID(), Map.of("user_id", 42), T0);

        assertThat(CacheValues.run(CacheValues.run(run))).isEqualTo(run);
    }

    @Test
    void runningRunWithResults_roundTrips_leaseIncluded() {
        Run running = Run.pending(UUID.randomUUID(), UUID.randomUUID(), Map.of("user", Map.of("id", 1)), T0)
                .claim(T0.plusSeconds(1), T0.plusSeconds(61))
                .withStepResult(StepResult.succeeded("fetch", T0.plusSeconds(1), T0.plusSeconds(2),
                        Map.of("status", 200, "body", List.of(1, "two"))));

        assertThat(CacheValues.run(CacheValues.run(running))).isEqualTo(running);
    }

    @Test
    void failedRunWithFailedStep_roundTrips() {
        Run failed = Run.pending(UUID.randomUUID(), UUID.randomUUID(), Map.of(), T0)
                .claim(T0, T0.plusSeconds(60))
                .withStepResult(StepResult.succeeded("wait", T0, T0.plusMillis(500), Map.of("delayed_seconds", 0.5)))
                .withStepResult(StepResult.failed("notify", T0.plusMillis(500), T0.plusSeconds(1), Map.of("status", 503), "HTTP 503"))
                .fail(T0.plusSeconds(1), "step 'notify' failed: HTTP 503");

        Run read = CacheValues.run(CacheValues.run(failed));

        assertThat(read).isEqualTo(failed);
        assertThat(read.stepResults().keySet()).containsExactly("wait", "notify");
    }

    @Test
    void cancelledAndRetriedRuns_roundTrip_withTheirAttempt() {
        Run cancelled = Run.pending(UUID.randomUUID(), UUID.randomUUID(), Map.of(), T0).cancel(T0.plusSeconds(1));
        Run retried = cancelled.retry().claim(T0.plusSeconds(2), T0.plusSeconds(12)).withStepResult(
                StepResult.succeeded("notify", T0.plusSeconds(3), T0.plusSeconds(4), null)
                        .after(List.of(new StepResult.Attempt(T0.plusSeconds(2), T0.plusSeconds(2), "answered 503"))));

        assertThat(CacheValues.run(CacheValues.run(cancelled))).isEqualTo(cancelled);
        assertThat(CacheValues.run(CacheValues.run(retried))).isEqualTo(retried);
        assertThat(CacheValues.run(CacheValues.run(retried)).attempt()).isEqualTo(2);
        assertThat(CacheValues.run(CacheValues.run(retried)).stepResults().get("notify").allAttempts()).hasSize(2);
    }

    @Test
    void givenTextThatIsNoCacheValue_readingFails() {
        assertThatThrownBy(() -> CacheValues.run("not json")).isInstanceOf(IllegalArgumentException.class);
    }
}
