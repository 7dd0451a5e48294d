package io.workflow.adapters.http;

import io.workflow.application.TriggerRun;
import io.workflow.domain.InvalidInputException;
import io.workflow.domain.run.Run;
import io.workflow.domain.run.RunStatus;
import io.workflow.domain.timeline.RunTimeline;
import io.workflow.domain.run.StepResult;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A run on the wire: the trigger request {@code {"workflow_id", "payload"?}} and the run
 * {@code {"uuid","workflow_id","status","payload","created_at","started_at","completed_at","error",
 * "step_results":{"<step>":{"step_name","status","started_at","completed_at","output","error","attempts"}},"attempt"}}
 * ({@code attempt}, 1 until the run is retried, and each step's {@code attempts}, its tries with their
 * times and errors, are additions to the seed's shape, last). A single run read by id also carries
 * its timeline: {@code "current_step"}, {@code "next_wake_at"} and {@code "steps"}, every step of its
 * workflow in order {@code {"name","type","status","started_at","completed_at","duration_ms",
 * "attempts","error","next_wake_at"}}, a step's status one of pending, running, waiting, success,
 * failed, skipped.
 * Statuses are lower case ({@code pending}, {@code running}, {@code success}, {@code failed}).
 */
final class RunJson {

    private RunJson() {
    }

    /** The trigger request; {@link InvalidInputException} names the offending field. */
    @SuppressWarnings("unchecked")
    static TriggerRun.Command command(Object body) {
        RequestFields fields = RequestFields.of(body, "");
        Object payload = fields.value("payload");
        if (payload != null && !(payload instanceof Map<?, ?>)) {
            throw new InvalidInputException("payload", "must be a JSON object");
        }
        // JSON object keys are strings, so the parsed object is a Map<String, ?>.
        return new TriggerRun.Command(fields.requiredUuid("workflow_id"), (Map<String, ?>) payload);
    }

    static Map<String, Object> tree(Run run) {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("uuid", run.id().toString());
        tree.put("workflow_id", run.workflowId().toString());
        tree.put("status", statusName(run.status()));
        tree.put("payload", run.payload());
        tree.put("created_at", WireInstants.text(run.createdAt()));
        tree.put("started_at", WireInstants.text(run.startedAt()));
        tree.put("completed_at", WireInstants.text(run.completedAt()));
        tree.put("error", run.error());
        Map<String, Object> results = new LinkedHashMap<>();
        run.stepResults().forEach((name, result) -> results.put(name, stepResultTree(result)));
        tree.put("step_results", results);
        tree.put("attempt", run.attempt());
        tree.put("workflow_version", run.workflowVersion());
        return tree;
    }

    /** The run with its timeline (none: its workflow is gone) after the seed's fields. */
    static Map<String, Object> tree(Run run, RunTimeline timeline) {
        Map<String, Object> tree = tree(run);
        if (timeline == null) {
            return tree;
        }
        tree.put("current_step", timeline.currentStep());
        tree.put("next_wake_at", run.timer() == null ? null : WireInstants.text(run.timer().wakeAt()));
        tree.put("steps", timeline.steps().stream().map(RunJson::stepTree).toList());
        return tree;
    }

    private static Map<String, Object> stepTree(RunTimeline.StepView step) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", step.name());
        entry.put("type", step.type());
        entry.put("status", step.state().name().toLowerCase(Locale.ROOT));
        entry.put("started_at", WireInstants.text(step.startedAt()));
        entry.put("completed_at", WireInstants.text(step.completedAt()));
        entry.put("duration_ms", millisBetween(step.startedAt(), step.completedAt()));
        entry.put("attempts", step.attempts().stream().map(RunJson::attemptTree).toList());
        entry.put("error", step.error());
        entry.put("next_wake_at", WireInstants.text(step.wakeAt()));
        return entry;
    }

    private static Double millisBetween(Instant start, Instant end) {
        return start == null || end == null ? null : Duration.between(start, end).toNanos() / 1e6;
    }

    static String statusName(RunStatus status) {
        return status.name().toLowerCase(Locale.ROOT);
    }

    /** The status with this wire name; {@link InvalidInputException} on {@code field} for any other text. */
    static RunStatus status(String name, String field) {
        for (RunStatus status : RunStatus.values()) {
            if (statusName(status).equals(name)) {
                return status;
            }
        }
        throw new InvalidInputException(field, "must be one of pending, running, success, failed, cancelled");
    }

    private static Map<String, Object> stepResultTree(StepResult result) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("step_name", result.stepName());
        entry.put("status", result.status() == StepResult.StepStatus.SUCCESS ? "success" : "failed");
        entry.put("started_at", WireInstants.text(result.startedAt()));
        entry.put("completed_at", WireInstants.text(result.completedAt()));
        entry.put("output", result.output());
        entry.put("error", result.error());
        entry.put("attempts", result.allAttempts().stream().map(RunJson::attemptTree).toList());
        return entry;
    }

    private static Map<String, Object> attemptTree(StepResult.Attempt attempt) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("started_at", WireInstants.text(attempt.startedAt()));
        entry.put("completed_at", WireInstants.text(attempt.completedAt()));
        entry.put("duration_ms", millisBetween(attempt.startedAt(), attempt.completedAt()));
        entry.put("error", attempt.error());
        return entry;
    }
}
