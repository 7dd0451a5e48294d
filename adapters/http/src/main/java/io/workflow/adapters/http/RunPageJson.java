package io.workflow.adapters.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.workflow.domain.page.Page;
import io.workflow.domain.run.JsonText;
import io.workflow.domain.run.RunSummary;
import io.workflow.domain.run.StepResult;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/**
 * A page of runs on the wire, {@code {"items":[run...],"next_cursor","limit"}}, written in one pass
 * straight from the summaries: no tree per run, and a payload or step output the store handed on as
 * {@link JsonText} is copied into the response unread. Each item holds {@link RunJson#tree(io.workflow.domain.run.Run)}'s
 * fields, in its order, with the same values.
 */
final class RunPageJson {

    private RunPageJson() {
    }

    static byte[] bytes(Page<RunSummary> page, String nextCursor, int limit) {
        return Json.write(generator -> {
            generator.writeStartObject();
            generator.writeArrayFieldStart("items");
            for (RunSummary run : page.items()) {
                write(generator, run);
            }
            generator.writeEndArray();
            generator.writeStringField("next_cursor", nextCursor);
            generator.writeNumberField("limit", limit);
            generator.writeEndObject();
        });
    }

    private static void write(JsonGenerator generator, RunSummary run) throws IOException {
        generator.writeStartObject();
        generator.writeStringField("uuid", run.id().toString());
        generator.writeStringField("workflow_id", run.workflowId().toString());
        generator.writeStringField("status", RunJson.statusName(run.status()));
        value(generator, "payload", run.payload());
        generator.writeStringField("created_at", WireInstants.text(run.createdAt()));
        generator.writeStringField("started_at", WireInstants.text(run.startedAt()));
        generator.writeStringField("completed_at", WireInstants.text(run.completedAt()));
        generator.writeStringField("error", run.error());
        generator.writeObjectFieldStart("step_results");
        for (Map.Entry<String, StepResult> entry : run.stepResults().entrySet()) {
            generator.writeFieldName(entry.getKey());
            stepResult(generator, entry.getValue());
        }
        generator.writeEndObject();
        generator.writeNumberField("attempt", run.attempt());
        generator.writeNumberField("workflow_version", run.workflowVersion());
        generator.writeEndObject();
    }

    private static void stepResult(JsonGenerator generator, StepResult result) throws IOException {
        generator.writeStartObject();
        generator.writeStringField("step_name", result.stepName());
        generator.writeStringField("status", result.status() == StepResult.StepStatus.SUCCESS ? "success" : "failed");
        generator.writeStringField("started_at", WireInstants.text(result.startedAt()));
        generator.writeStringField("completed_at", WireInstants.text(result.completedAt()));
        value(generator, "output", result.output());
        generator.writeStringField("error", result.error());
        generator.writeArrayFieldStart("attempts");
        for (StepResult.Attempt attempt : result.allAttempts()) {
            generator.writeStartObject();
            generator.writeStringField("started_at", WireInstants.text(attempt.startedAt()));
            generator.writeStringField("completed_at", WireInstants.text(attempt.completedAt()));
            generator.writeFieldName("duration_ms");
            if (attempt.startedAt() == null || attempt.completedAt() == null) {
                generator.writeNull();
            } else {
                generator.writeNumber(Duration.between(attempt.startedAt(), attempt.completedAt()).toNanos() / 1e6);
            }
            generator.writeStringField("error", attempt.error());
            generator.writeEndObject();
        }
        generator.writeEndArray();
        generator.writeEndObject();
    }

    /** A JSON value: text the store kept is copied as it is, anything else written as {@link Json} writes it. */
    private static void value(JsonGenerator generator, String field, Object value) throws IOException {
        generator.writeFieldName(field);
        if (value instanceof JsonText text) {
            generator.writeRawValue(text.text());
        } else {
            generator.writeObject(value);
        }
    }
}
