package io.workflow.adapters.postgres;

import io.workflow.domain.run.Run;
import io.workflow.domain.run.StepResult;
import io.workflow.domain.workflow.DelayStep;
import io.workflow.domain.workflow.RetryPolicy;
import io.workflow.domain.workflow.Step;
import io.workflow.domain.workflow.WebhookStep;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The jsonb columns: what is written is read back equal, and rows written by earlier versions still read. */
class JsonColumnsTest {
    private static final Instant T0 = Instant.parse("2025-01-01T10:00:00.123456Z");

    @Test
    void steps_roundTripEveryField() {
        List<Step> steps = List.of(
                new DelayStep("wait", Duration.ofMillis(1500)),
                new DelayStep("long wait", Duration.ofSeconds(60)),
                new DelayStep("tiny", Duration.ofMillis(1)),
                new WebhookStep("notify", "https://example.com/hooks/${payload.user_id}?q=a", "PATCH",
                        Map.of("X-User", "${payload.user_id}", "Authorization", "Bearer t"),
                        Map.of("user", "${payload.user_id}", "nested", Map.of("list", List.of(1, 2.5, "x")), "ok", false)),
                new WebhookStep("ping", "http://127.0.0.1:8080/", "GET", Map.of(), null),
                new WebhookStep("retried", "http://127.0.0.1:8080/", "POST", Map.of(), null, new RetryPolicy(5,
                        Duration.ofMillis(1500), 2.5, Duration.ofSeconds(60), 0.2, Set.of(RetryPolicy.Failure.CLIENT_ERROR))));

        assertThat(JsonColumns.steps(JsonColumns.steps(steps))).isEqualTo(steps);
    }

    @Test
    void stepsStoredBeforeThisAdapterOwnedTheirShape_stillRead() {
        String stored = """
                [{"name":"wait","type":"delay","config":{"duration":2}},
                 {"name":"half","type":"delay","config":{"duration":0.5}},
                 {"name":"ping","type":"webhook","config":{"url":"http://example.com/","method":"GET"}}]""";

        assertThat(JsonColumns.steps(stored)).containsExactly(
                new DelayStep("wait", Duration.ofSeconds(2)),
                new DelayStep("half", Duration.ofMillis(500)),
                new WebhookStep("ping", "http://example.com/", "GET", Map.of(), null));
    }

    @Test
    void givenAnUnknownStepType_steps_failsNamingTheStep() {
        assertThatThrownBy(() -> JsonColumns.steps("[{\"name\":\"x\",\"type\":\"email\",\"config\":{}}]"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'x'");
    }

    @Test
    void stepResultsAndPayload_roundTrip() {
        Run failed = Run.pending(UUID.randomUUID(), UUID.randomUUID(), Map.of("user", Map.of("id", 1)), T0)
                .claim(T0, T0.plusSeconds(60))
                .withStepResult(StepResult.succeeded("wait", T0, T0.plusMillis(500), Map.of("delayed_seconds", 0.5)))
                .withStepResult(StepResult.failed("notify", T0.plusMillis(900), T0.plusSeconds(1), Map.of("status", 503), "HTTP 503")
                        .after(List.of(new StepResult.Attempt(T0.plusMillis(500), T0.plusMillis(600), "HTTP 502"))))
                .fail(T0.plusSeconds(1), "step 'notify' failed: HTTP 503");
        assertThat(failed.stepResults().get("notify").attempts()).hasSize(2);

        Map<String, StepResult> results = JsonColumns.stepResults(JsonColumns.stepResults(failed.stepResults()));

        assertThat(results).isEqualTo(failed.stepResults());
        assertThat(results.keySet()).containsExactly("wait", "notify");
        assertThat(JsonColumns.payload(JsonColumns.write(failed.payload()))).isEqualTo(failed.payload());
        assertThat(JsonColumns.stepResults((String) null)).isEmpty();
    }
}
