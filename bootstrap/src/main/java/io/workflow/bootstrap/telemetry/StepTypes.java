package io.workflow.bootstrap.telemetry;

import io.workflow.domain.port.Cache;
import io.workflow.domain.port.WorkflowRepository;
import io.workflow.domain.workflow.DelayStep;
import io.workflow.domain.workflow.Step;
import io.workflow.domain.workflow.WebhookStep;
import io.workflow.domain.workflow.Workflow;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The steps of a workflow's version, for labelling a run's step results by type: a result names its
 * step, not its type. A version never changes once stored, so each is kept once known: taken from
 * the workflow cache as it hands the workflow to the engine or takes it in ({@link #remembering}),
 * else read when first asked for, from the cache when the cached workflow is that version, else from
 * the store; at most {@link #LIMIT} of them, after which the map starts over rather than grow.
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
        List<Step> steps = known.get(new Version(workflowId, version));
        if (steps != null) {
            return steps;
        }
        steps = cache.get(workflowId).filter(cached -> cached.version() == version)
                .or(() -> workflows.findVersion(workflowId, version))
                .map(Workflow::steps).orElse(List.of());
        keep(workflowId, version, steps);
        return steps;
    }

    /** {@code cache}, every workflow it answers with or is given kept here on the way. */
    Cache<Workflow> remembering(Cache<Workflow> cache) {
        return new Cache<>() {
            @Override
            public Optional<Workflow> get(UUID id) {
                Optional<Workflow> workflow = cache.get(id);
                workflow.ifPresent(StepTypes.this::remember);
                return workflow;
            }

            @Override
            public void put(UUID id, Workflow workflow, Duration ttl) {
                cache.put(id, workflow, ttl);
                remember(workflow);
            }

            @Override
            public void putIfAbsent(UUID id, Workflow workflow, Duration ttl) {
                cache.putIfAbsent(id, workflow, ttl);
                remember(workflow);
            }

            @Override
            public void evict(UUID id) {
                cache.evict(id);
            }
        };
    }

    private void remember(Workflow workflow) {
        if (!known.containsKey(new Version(workflow.uuid(), workflow.version()))) {
            keep(workflow.uuid(), workflow.version(), workflow.steps());
        }
    }

    private void keep(UUID workflowId, int version, List<Step> steps) {
        if (known.size() >= LIMIT) {
            known.clear();
        }
        known.put(new Version(workflowId, version), steps);
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
