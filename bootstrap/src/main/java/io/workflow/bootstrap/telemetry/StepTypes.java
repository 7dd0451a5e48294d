package io.workflow.bootstrap.telemetry;

import io.workflow.domain.port.WorkflowRepository;
import io.workflow.domain.workflow.DelayStep;
import io.workflow.domain.workflow.Step;
import io.workflow.domain.workflow.WebhookStep;
import io.workflow.domain.workflow.Workflow;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The steps of a workflow, for labelling a run's step results by type: a result names its step,
 * not its type. Workflows never change once stored, so each is read once from the store (the
 * process has usually just read it to run it) and kept; at most {@link #LIMIT} of them, after which
 * the map starts over rather than grow.
 */
final class StepTypes {
    static final int LIMIT = 10_000;
    /** Every step type's label. */
    static final List<String> NAMES = List.of("delay", "webhook");

    private final WorkflowRepository workflows;
    private final Map<UUID, List<Step>> known = new ConcurrentHashMap<>();

    StepTypes(WorkflowRepository workflows) {
        this.workflows = workflows;
    }

    /** The workflow's steps in order; empty when it cannot be found. */
    List<Step> steps(UUID workflowId) {
        List<Step> steps = known.get(workflowId);
        if (steps != null) {
            return steps;
        }
        steps = workflows.findById(workflowId).map(Workflow::steps).orElse(List.of());
        if (known.size() >= LIMIT) {
            known.clear();
        }
        known.put(workflowId, steps);
        return steps;
    }

    /** The type of the named step of the workflow: {@code delay}, {@code webhook}, or {@code unknown}. */
    String typeOf(UUID workflowId, String stepName) {
        for (Step step : steps(workflowId)) {
            if (step.name().equals(stepName)) {
                return name(step);
            }
        }
        return "unknown";
    }

    static String name(Step step) {
        return switch (step) {
            case DelayStep delay -> "delay";
            case WebhookStep webhook -> "webhook";
        };
    }
}
