package io.workflow.adapters.http;

import io.workflow.application.TriggerRun.Command;
import io.workflow.domain.InvalidInputException;
import io.workflow.domain.run.Run;
import io.workflow.domain.run.RunStatus;
import io.workflow.domain.run.StepResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The trigger request read into a command, and a run written as the API answers it. */
class RunJsonTest {
    private static final Instant T0 = Instant.parse("2025-01-01T10:00:00.123456Z");

    @Test
    void tree_usesTheWireFieldNamesAndValues() {
        Run run = Run.pending(UUID.randomUUID(), UUID.randomUUID(), Map.of("a", 1), T0)
                .claim(T0, T0.plusSeconds(60))
                .withStepResult(StepResult.succeeded("wait", T0, T0.plusSeconds(1), Map.of("delayed_seconds", 1)))
                .succeed(T0.plusSeconds(1));

        Map<String, Object> tree = RunJson.tree(run);

        assertThat(tree).containsOnlyKeys("uuid", "workflow_id", "status", "payload", "created_at", "started_at",
                "completed_at", "error", "step_results", "attempt", "workflow_version");
        assertThat(tree).containsEntry("uuid", run.id().toString())
                .containsEntry("workflow_version", 1)
                .containsEntry("attempt", 1)
                .containsEntry("status", "success")
                .containsEntry("created_at", "2025-01-01T10:00:00.123456Z")
                .containsEntry("completed_at", "2025-01-01T10:00:01.123456Z")
                .containsEntry("error", null);
        @SuppressWarnings("unchecked")
        Map<String, Object> wait = (Map<String, Object>) ((Map<?, ?>) tree.get("step_results")).get("wait");
        assertThat(wait).containsOnlyKeys("step_name", "status", "started_at", "completed_at", "output", "error", "attempts");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> attempts = (List<Map<String, Object>>) wait.get("attempts");
        assertThat(attempts).as("one attempt, the result's own").singleElement().satisfies(attempt -> assertThat(attempt)
                .containsEntry("started_at", "2025-01-01T10:00:00.123456Z").containsEntry("completed_at", "2025-01-01T10:00:01.123456Z")
                .containsEntry("duration_ms", 1000.0).containsEntry("error", null));
        assertThat(wait).containsEntry("step_name", "wait")
                .containsEntry("status", "success")
                .containsEntry("started_at", "2025-01-01T10:00:00.123456Z")
                .containsEntry("completed_at", "2025-01-01T10:00:01.123456Z")
                .containsEntry("output", Map.of("delayed_seconds", 1))
                .containsEntry("error", null);
    }

    @Test
    void statusNames_areLowerCase() {
        assertThat(RunStatus.values()).extracting(RunJson::statusName)
                .containsExactly("pending", "running", "success", "failed", "cancelled");
    }

    @ParameterizedTest
    @EnumSource(RunStatus.class)
    void statusName_roundTripsThroughStatus(RunStatus status) {
        assertThat(RunJson.status(RunJson.statusName(status), "status")).isSameAs(status);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"PENDING", "Success", "done", " failed"})
    void givenAnythingButAStatusName_status_throwsNamingTheField(String value) {
        assertThatThrownBy(() -> RunJson.status(value, "status"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("status"));
    }

    @Test
    void command_readsWorkflowIdAndPayload() {
        UUID workflowId = UUID.randomUUID();

        Command command = RunJson.command(Map.of("workflow_id", workflowId.toString(), "payload", Map.of("a", 1)));

        assertThat(command).isEqualTo(new Command(workflowId, Map.of("a", 1)));
    }

    @Test
    void givenNoPayload_command_usesAnEmptyObject() {
        UUID workflowId = UUID.randomUUID();

        assertThat(RunJson.command(Map.of("workflow_id", workflowId.toString())).payload()).isEqualTo(Map.of());
    }

    @Test
    void givenPayloadNotAnObject_command_throwsNamingPayload() {
        String workflowId = UUID.randomUUID().toString();

        for (Object payload : List.of(List.of(1, 2), "text", 42, true)) {
            assertThatThrownBy(() -> RunJson.command(Map.of("workflow_id", workflowId, "payload", payload)))
                    .as("payload %s", payload)
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("payload"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not-a-uuid", "1234"})
    void givenBadWorkflowId_command_throwsNamingWorkflowId(String workflowId) {
        assertThatThrownBy(() -> RunJson.command(Map.of("workflow_id", workflowId)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("workflow_id"));
    }

    @Test
    void givenMissingWorkflowIdOrNonObjectBody_command_throws() {
        assertThatThrownBy(() -> RunJson.command(Map.of("payload", Map.of())))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("workflow_id"));
        assertThatThrownBy(() -> RunJson.command(List.of()))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isNull());
    }
}
