package io.workflow.bootstrap.telemetry;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code workflow} label of the run counters: the workflow's uuid for the first {@link #LIMIT}
 * distinct workflows this process sees, {@code other} for every later one. Each label value is a
 * time series in Prometheus for as long as the process lives, so an unbounded set of workflows must
 * not become an unbounded set of series.
 */
final class WorkflowLabel {
    static final int LIMIT = 200;
    static final String OTHER = "other";

    private final Set<UUID> labelled = ConcurrentHashMap.newKeySet();
    private final int limit;

    WorkflowLabel() {
        this(LIMIT);
    }

    WorkflowLabel(int limit) {
        this.limit = limit;
    }

    String of(UUID workflowId) {
        if (labelled.contains(workflowId)) {
            return workflowId.toString();
        }
        // A race may let a few more than the limit in: bounded all the same.
        if (labelled.size() < limit && labelled.add(workflowId)) {
            return workflowId.toString();
        }
        return labelled.contains(workflowId) ? workflowId.toString() : OTHER;
    }
}
