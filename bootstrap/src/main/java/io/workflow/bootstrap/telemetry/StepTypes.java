package io.workflow.bootstrap.telemetry;

import io.workflow.domain.port.Cache;
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
 * The steps of a workflow's version, for labelling a run's step results by type: a result names its
 * step, not its type. A version never changes once stored, so each is read once and kept: from the
 * workflow cache when the cached workflow is that version (the process has usually just read it
 * there to run it), else from the store; at most {@link #LIMIT} of them, after which the map starts
 * over rather than grow.
 */
final class StepTypes {
    static final int LIMIT = 10_000;
    /** Every step type's label. */
    static final List<String> NAMES = List.of("delay", "webhook");

    private record Version(UUID workflowId, int version) {
    }

    private final WorkflowRepository workflows;
    private final Cache<Workflow> cache;
    private final Map<Version, List<Step>> known = new ConcurrentHashMap<>();

    StepTypes(WorkflowRepository workflows, Cache<Workflow> cache) {
        this.workflows = workflows;
        this.cache = cache;
    }

    /** The steps of the workflow's version, in order; empty when it cannot be found. */
    List<Step> steps(UUID workflowId, int version) {
        Version key = new Version(workflowId, version);
        List<Step> steps = known.get(key);
        if (steps != null) {
            return steps;
        }
        steps = cache.get(workflowId).filter(cached -> cached.version() == version)
                .or(() -> workflows.findVersion(workflowId, version))
                .map(Workflow::steps).orElse(List.of());
        if (known.size() >= LIMIT) {
            known.clear();
        }
        known.put(key, steps);
        return steps;
    }

    /** The type of the named step of the workflow's version: {@code delay}, {@code webhook}, or {@code unknown}. */
    String typeOf(UUID workflowId, int version, String stepName) {
        for (Step step : steps(workflowId, version)) {
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
