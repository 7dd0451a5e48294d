package io.workflow.adapters.postgres;

import io.workflow.domain.run.JsonText;
import io.workflow.domain.run.Run;
import io.workflow.domain.run.StepResult;
import io.workflow.domain.workflow.DelayStep;
import io.workflow.domain.workflow.RetryPolicy;
import io.workflow.domain.workflow.Step;
import io.workflow.domain.workflow.WebhookStep;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
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

    @Test
    void stepResultsWithOutputText_keepStructuredOutputsAsTheStoredText_andReadEverythingElseAsStepResults() {
        // as jsonb prints it: keys reordered, a space after ':' and ',', an unknown field, braces in strings
        String stored = """
                {"wait": {"error": null, "output": {"delayed_seconds": 1}, "status": "success", "step_name": "wait", \
                "started_at": "2025-01-01T10:00:00.123456Z", "completed_at": "2025-01-01T10:00:01Z"}, \
                "notify": {"error": "HTTP 503", "output": [{"a": "}]{\\"", "b": [1, 2.5]}, null], "status": "failed", \
                "attempts": [{"error": "HTTP 502", "started_at": "2025-01-01T10:00:01Z", "completed_at": "2025-01-01T10:00:02Z", \
                "extra": {"x": 1}}, {"error": "HTTP 503", "started_at": "2025-01-01T10:00:03Z", "completed_at": "2025-01-01T10:00:04Z"}], \
                "step_name": "notify", "started_at": "2025-01-01T10:00:03Z", "completed_at": "2025-01-01T10:00:04Z", "later": [1]}, \
                "plain": {"output": 7, "status": "success", "step_name": "plain"}, "none": {"output": null, "step_name": "none"}}""";

        Map<String, StepResult> decoded = JsonColumns.stepResults(stored);
        Map<String, StepResult> listed = JsonColumns.stepResultsWithOutputText(stored);

        assertThat(listed.keySet()).containsExactly("wait", "notify", "plain", "none");
        assertThat(listed.get("wait").output()).isEqualTo(new JsonText("{\"delayed_seconds\": 1}"));
        assertThat(listed.get("notify").output()).isEqualTo(new JsonText("[{\"a\": \"}]{\\\"\", \"b\": [1, 2.5]}, null]"));
        assertThat(decoded.get("notify").output()).isEqualTo(Arrays.asList(Map.of("a", "}]{\"", "b", List.of(1, 2.5)), null));
        assertThat(listed.get("plain").output()).isEqualTo(7);
        assertThat(listed.get("none").output()).isNull();
        for (String name : decoded.keySet()) {
            StepResult text = listed.get(name);
            StepResult tree = decoded.get(name);
            assertThat(new StepResult(text.stepName(), text.status(), text.startedAt(), text.completedAt(), tree.output(),
                    text.error(), text.attempts())).as(name).isEqualTo(tree);
        }
        assertThat(decoded.get("notify")).isEqualTo(new StepResult("notify", StepResult.StepStatus.FAILED,
                Instant.parse("2025-01-01T10:00:03Z"), Instant.parse("2025-01-01T10:00:04Z"), decoded.get("notify").output(),
                "HTTP 503", List.of(
                        new StepResult.Attempt(Instant.parse("2025-01-01T10:00:01Z"), Instant.parse("2025-01-01T10:00:02Z"), "HTTP 502"),
                        new StepResult.Attempt(Instant.parse("2025-01-01T10:00:03Z"), Instant.parse("2025-01-01T10:00:04Z"), "HTTP 503"))));
        assertThat(decoded.get("wait").startedAt()).isEqualTo(T0);
        assertThat(decoded.get("plain").status()).isEqualTo(StepResult.StepStatus.SUCCESS);
        assertThat(JsonColumns.stepResultsWithOutputText(null)).isEmpty();
        assertThat(JsonColumns.stepResultsWithOutputText("null")).isEmpty();
    }

    @Test
    void stepResultsThatAreNotAnObject_failToRead() {
        assertThatThrownBy(() -> JsonColumns.stepResults("[1]")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> JsonColumns.stepResultsWithOutputText("{\"x\": 1}")).isInstanceOf(IllegalStateException.class);
    }
}
