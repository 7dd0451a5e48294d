package io.workflow.adapters.memory;

import io.workflow.domain.port.RunRepository;
import io.workflow.domain.port.WorkflowRepository;
import io.workflow.domain.port.contract.RunRepositoryContract;

class InMemoryRunRepositoryTest extends RunRepositoryContract {
    private final InMemoryRunRepository runs = new InMemoryRunRepository();
    private final InMemoryWorkflowRepository workflows = new InMemoryWorkflowRepository();

    @Override
    protected RunRepository runs() {
        return runs;
    }

    @Override
    protected WorkflowRepository workflows() {
        return workflows;
    }
}
