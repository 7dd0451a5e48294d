package io.workflow.adapters.memory;

import io.workflow.domain.port.WorkflowRepository;
import io.workflow.domain.workflow.Workflow;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Workflows in a concurrent map. */
public final class InMemoryWorkflowRepository implements WorkflowRepository {
    private final Map<UUID, Workflow> workflows = new ConcurrentHashMap<>();

    @Override
    public void save(Workflow workflow) {
        if (workflows.putIfAbsent(workflow.uuid(), workflow) != null) {
            throw new IllegalStateException("workflow " + workflow.uuid() + " already exists");
        }
    }

    @Override
    public Optional<Workflow> findById(UUID uuid) {
        return Optional.ofNullable(workflows.get(uuid));
    }
}
