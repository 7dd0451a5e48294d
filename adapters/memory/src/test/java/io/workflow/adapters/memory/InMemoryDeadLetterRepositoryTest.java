package io.workflow.adapters.memory;

import io.workflow.domain.port.DeadLetterRepository;
import io.workflow.domain.port.contract.DeadLetterRepositoryContract;

class InMemoryDeadLetterRepositoryTest extends DeadLetterRepositoryContract {
    private final InMemoryDeadLetterRepository letters = new InMemoryDeadLetterRepository();

    @Override
    protected DeadLetterRepository letters() {
        return letters;
    }
}
