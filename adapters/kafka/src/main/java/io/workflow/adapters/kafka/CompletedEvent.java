package io.workflow.adapters.kafka;

import io.workflow.domain.run.Run;
import io.workflow.domain.run.StepResult;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What goes on the completed topic when a run reaches a terminal status, keyed by run id. Schema 1:
 * <pre>{@code
 * {"schema": 1, "run_id": "<uuid>", "workflow_id": "<uuid>", "status": "success" | "failed",
 *  "created_at": "<ISO-8601>", "started_at": "<ISO-8601>" | null, "completed_at": "<ISO-8601>",
 *  "error": "<text>" | null, "steps": {"<step name>": "success" | "failed", ...}}
 * }</pre>
 * A consumer reads the run itself ({@code GET /api/v1/runs/{run_id}}) for payloads and outputs: the
 * event says what happened, not everything the run holds. A new field is added within a schema; a
 * field removed or changed in meaning takes a new schema number.
 */
final class CompletedEvent {
    static final int SCHEMA = 1;

    private CompletedEvent() {
    }

    static byte[] of(Run run) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("schema", SCHEMA);
        event.put("run_id", run.id().toString());
        event.put("workflow_id", run.workflowId().toString());
        event.put("status", run.status().name().toLowerCase(Locale.ROOT));
        event.put("created_at", text(run.createdAt()));
        event.put("started_at", text(run.startedAt()));
        event.put("completed_at", text(run.completedAt()));
        event.put("error", run.error());
        Map<String, String> steps = new LinkedHashMap<>();
        run.stepResults().forEach((name, result) ->
                steps.put(name, result.status() == StepResult.StepStatus.SUCCESS ? "success" : "failed"));
        event.put("steps", steps);
        return EventJson.write(event);
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
