package io.workflow.adapters.memory;

import io.workflow.domain.port.SigningSecretRepository;
import io.workflow.domain.port.WorkflowRepository;
import io.workflow.domain.port.contract.WorkflowRepositoryContract;

class InMemoryWorkflowRepositoryTest extends WorkflowRepositoryContract {
    private final InMemorySigningSecretRepository signingSecrets = new InMemorySigningSecretRepository();
    private final InMemoryWorkflowRepository repository = new InMemoryWorkflowRepository(signingSecrets);

    @Override
    protected WorkflowRepository repository() {
        return repository;
    }

    @Override
    protected SigningSecretRepository signingSecrets() {
        return signingSecrets;
    }
}
