package io.workflow.domain.run;

import io.workflow.domain.DocumentFields;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one JSON shape of a run (wire, cache and storage alike), as plain Java objects:
 * {@code {"uuid","workflow_id","status","payload","created_at","started_at","completed_at","error",
 * "step_results":{"<step>":{"step_name","status","started_at","completed_at","output","error"}}}}.
 * The worker's lease is bookkeeping, not part of the document.
 */
public final class RunDocument {

    private RunDocument() {
    }

    public static Map<String, Object> toTree(Run run) {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("uuid", run.id().toString());
        tree.put("workflow_id", run.workflowId().toString());
        tree.put("status", run.status().wireName());
        tree.put("payload", run.payload());
        tree.put("created_at", run.createdAt().toString());
        tree.put("started_at", text(run.startedAt()));
        tree.put("completed_at", text(run.completedAt()));
        tree.put("error", run.error());
        tree.put("step_results", stepResultsToTree(run.stepResults()));
        return tree;
    }

    public static Run fromTree(Object tree) {
        DocumentFields fields = DocumentFields.of(tree, "");
        return new Run(fields.requiredUuid("uuid"), fields.requiredUuid("workflow_id"),
                status(fields.requiredString("status")), fields.value("payload"), fields.requiredInstant("created_at"),
                fields.optionalInstant("started_at"), fields.optionalInstant("completed_at"),
                fields.optionalString("error"), stepResultsFromTree(fields.value("step_results")), null);
    }

    public static Map<String, Object> stepResultsToTree(Map<String, StepResult> results) {
        Map<String, Object> tree = new LinkedHashMap<>();
        results.forEach((name, result) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("step_name", result.stepName());
            entry.put("status", result.status().wireName());
            entry.put("started_at", text(result.startedAt()));
            entry.put("completed_at", text(result.completedAt()));
            entry.put("output", result.output());
            entry.put("error", result.error());
            tree.put(name, entry);
        });
        return tree;
    }

    public static Map<String, StepResult> stepResultsFromTree(Object tree) {
        Map<String, StepResult> results = new LinkedHashMap<>();
        if (tree == null) {
            return results;
        }
        DocumentFields.of(tree, "step_results").object().forEach((name, value) -> {
            DocumentFields entry = DocumentFields.of(value, "step_results." + name);
            StepResult.StepStatus status = "success".equals(entry.requiredString("status"))
                    ? StepResult.StepStatus.SUCCESS : StepResult.StepStatus.FAILED;
            results.put(String.valueOf(name), new StepResult(entry.requiredString("step_name"), status,
                    entry.optionalInstant("started_at"), entry.optionalInstant("completed_at"),
                    entry.value("output"), entry.optionalString("error")));
        });
        return results;
    }

    private static RunStatus status(String wireName) {
        RunStatus status = RunStatus.fromWireName(wireName);
        if (status == null) {
            throw new IllegalArgumentException("unknown run status '" + wireName + "'");
        }
        return status;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
