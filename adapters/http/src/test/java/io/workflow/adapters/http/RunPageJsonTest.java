package io.workflow.adapters.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.workflow.domain.page.Cursor;
import io.workflow.domain.page.Page;
import io.workflow.domain.run.JsonText;
import io.workflow.domain.run.Run;
import io.workflow.domain.run.RunSummary;
import io.workflow.domain.run.StepResult;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

/** The page of runs written in one pass says what the page of {@link RunJson#tree} trees said, byte for byte. */
class RunPageJsonTest {
    private static final Instant T0 = Instant.parse("2025-01-01T10:00:00.123456Z");
    private static final ObjectMapper READER = new ObjectMapper();

    @Test
    void decodedRuns_areWrittenByteForByteAsTheTreesWereWritten() {
        List<Run> runs = runs();

        byte[] written = RunPageJson.bytes(new Page<>(runs, new Cursor(T0, runs.getLast().id())).map(RunSummary::of), "next", 3);

        assertThat(new String(written, UTF_8))
                .isEqualTo(new String(treePage(runs, "next", 3), UTF_8));
    }

    @Test
    void lastPage_hasANullNextCursor_andAnEmptyPage_noItems() {
        assertThat(RunPageJson.bytes(new Page<>(List.of(), null), null, 50)).isEqualTo(treePage(List.of(), null, 50));
    }

    @Test
    void payloadAndOutputsKeptAsJsonText_areCopiedUnread_andSayWhatTheDecodedOnesSay() throws Exception {
        List<Run> runs = runs();
        List<RunSummary> stored = runs.stream().map(RunPageJsonTest::asStored).toList();

        byte[] written = RunPageJson.bytes(new Page<>(stored, null), null, 50);

        assertThat(READER.readTree(written)).isEqualTo(READER.readTree(treePage(runs, null, 50)));
        assertThat(new String(written, UTF_8))
                .as("the stored text, its spacing included").contains("\"payload\":{\"n\": 1.5, ");
    }

    /** The old listing's body: the record the handler wrote, {@code items} the runs' trees. */
    private static byte[] treePage(List<Run> runs, String nextCursor, int limit) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", runs.stream().map(RunJson::tree).toList());
        body.put("next_cursor", nextCursor);
        body.put("limit", limit);
        return Json.bytes(body);
    }

    /** A summary as PostgreSQL hands it on: payload and outputs as JSON text, spaced the way jsonb prints. */
    private static RunSummary asStored(Run run) {
        RunSummary summary = RunSummary.of(run);
        Map<String, StepResult> results = new LinkedHashMap<>();
        summary.stepResults().forEach((name, result) -> results.put(name, new StepResult(result.stepName(), result.status(),
                result.startedAt(), result.completedAt(), result.output() == null ? null : new JsonText(spaced(result.output())),
                result.error(), result.attempts())));
        return new RunSummary(summary.id(), summary.workflowId(), summary.status(), new JsonText(spaced(summary.payload())),
                summary.createdAt(), summary.startedAt(), summary.completedAt(), summary.error(), results, summary.attempt(),
                summary.workflowVersion());
    }

    private static String spaced(Object value) {
        return new String(Json.bytes(value), UTF_8).replace(",", ", ").replace("\":", "\": ");
    }

    private static List<Run> runs() {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("n", 1.5);
        payload.put("text", "Zoë \"quoted\" \u2603 </script>");
        payload.put("nested", Map.of("list", List.of(1, 2, true)));
        payload.put("none", null);
        UUID workflow = UUID.randomUUID();
        Run pending = Run.pending(UUID.randomUUID(), workflow, payload, T0.plusSeconds(2));
        Run retried = Run.pending(UUID.randomUUID(), workflow, Map.of("user_id", 7), T0.plusSeconds(1))
                .claim(T0, T0.plusSeconds(60))
                .withStepResult(StepResult.succeeded("wait", T0, T0.plusMillis(1500), Map.of("delayed_seconds", 1.5)))
                .withStepResult(StepResult.failed("call", T0.plusSeconds(3), T0.plusSeconds(4), null, "HTTP 500")
                        .after(List.of(new StepResult.Attempt(T0.plusSeconds(2), T0.plusMillis(2_250), "timed out"))))
                .fail(T0.plusSeconds(4), "step call failed");
        Run done = Run.pending(UUID.randomUUID(), workflow, Map.of(), T0)
                .claim(T0, T0.plusSeconds(60))
                .withStepResult(StepResult.succeeded("wait", T0, T0.plusSeconds(1), List.of("a", 2)))
                .succeed(T0.plusSeconds(1));
        return List.of(pending, retried, done);
    }
}
