package io.workflow.adapters.memory;

import io.workflow.domain.port.WorkflowRepository;
import io.workflow.domain.port.contract.WorkflowRepositoryContract;

class InMemoryWorkflowRepositoryTest extends WorkflowRepositoryContract {
    private final InMemoryWorkflowRepository repository = new InMemoryWorkflowRepository();

    @Override
    protected WorkflowRepository repository() {
        return repository;
    }
}
