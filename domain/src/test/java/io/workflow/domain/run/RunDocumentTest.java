package io.workflow.domain.run;

import io.workflow.domain.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunDocumentTest {
    private static final Instant T0 = Instant.parse("2025-01-01T10:00:00.123456Z");

    private static Run withoutLease(Run run) {
        return new Run(run.id(), run.workflowId(), run.status(), run.payload(), run.createdAt(), run.startedAt(),
                run.completedAt(), run.error(), run.stepResults(), null);
    }

    @Test
    void pendingRun_roundTrips() {
        Run run = Run.pending(UUID.randomUUID(), UUID.randomUUID(), Map.of("user_id", 42), T0);

        assertThat(RunDocument.fromTree(RunDocument.toTree(run))).isEqualTo(run);
    }

    @Test
    void runningRunWithResults_roundTrips_leaseAside() {
        Run running = Run.pending(UUID.randomUUID(), UUID.randomUUID(), Map.of("user", Map.of("id", 1)), T0)
                .claim(T0.plusSeconds(1), T0.plusSeconds(61))
                .withStepResult(StepResult.succeeded("fetch", T0.plusSeconds(1), T0.plusSeconds(2),
                        Map.of("status", 200, "body", List.of(1, "two"))));

        Run read = RunDocument.fromTree(RunDocument.toTree(running));

        assertThat(read).isEqualTo(withoutLease(running));
        assertThat(read.leaseExpiresAt()).isNull();
    }

    @Test
    void failedRunWithFailedStep_roundTrips() {
        Run failed = Run.pending(UUID.randomUUID(), UUID.randomUUID(), Map.of(), T0)
                .claim(T0, T0.plusSeconds(60))
                .withStepResult(StepResult.succeeded("wait", T0, T0.plusMillis(500), Map.of("delayed_seconds", 0.5)))
                .withStepResult(StepResult.failed("notify", T0.plusMillis(500), T0.plusSeconds(1), Map.of("status", 503), "HTTP 503"))
                .fail(T0.plusSeconds(1), "step 'notify' failed: HTTP 503");

        Run read = RunDocument.fromTree(RunDocument.toTree(failed));

        assertThat(read).isEqualTo(failed);
        assertThat(read.stepResults().keySet()).containsExactly("wait", "notify");
    }

    @Test
    void toTree_usesTheWireFieldNamesAndValues() {
        Run run = Run.pending(UUID.randomUUID(), UUID.randomUUID(), Map.of("a", 1), T0)
                .claim(T0, T0.plusSeconds(60))
                .withStepResult(StepResult.succeeded("wait", T0, T0.plusSeconds(1), Map.of("delayed_seconds", 1)))
                .succeed(T0.plusSeconds(1));

        Map<String, Object> tree = RunDocument.toTree(run);

        assertThat(tree).containsOnlyKeys("uuid", "workflow_id", "status", "payload", "created_at", "started_at",
                "completed_at", "error", "step_results");
        assertThat(tree).containsEntry("uuid", run.id().toString())
                .containsEntry("status", "success")
                .containsEntry("created_at", "2025-01-01T10:00:00.123456Z")
                .containsEntry("completed_at", "2025-01-01T10:00:01.123456Z")
                .containsEntry("error", null);
        @SuppressWarnings("unchecked")
        Map<String, Object> wait = (Map<String, Object>) ((Map<?, ?>) tree.get("step_results")).get("wait");
        assertThat(wait).containsOnlyKeys("step_name", "status", "started_at", "completed_at", "output", "error");
        assertThat(wait).containsEntry("step_name", "wait")
                .containsEntry("status", "success")
                .containsEntry("started_at", "2025-01-01T10:00:00.123456Z")
                .containsEntry("completed_at", "2025-01-01T10:00:01.123456Z")
                .containsEntry("output", Map.of("delayed_seconds", 1))
                .containsEntry("error", null);
    }

    @Test
    void givenUnknownStatus_fromTree_throws() {
        Map<String, Object> tree = new LinkedHashMap<>(RunDocument.toTree(
                Run.pending(UUID.randomUUID(), UUID.randomUUID(), Map.of(), T0)));
        tree.put("status", "exploded");

        assertThatThrownBy(() -> RunDocument.fromTree(tree)).hasMessageContaining("exploded");
    }

    @Test
    void givenMissingUuid_fromTree_throwsNamingTheField() {
        Map<String, Object> tree = new LinkedHashMap<>(RunDocument.toTree(
                Run.pending(UUID.randomUUID(), UUID.randomUUID(), Map.of(), T0)));
        tree.remove("uuid");

        assertThatThrownBy(() -> RunDocument.fromTree(tree))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("uuid"));
    }
}
