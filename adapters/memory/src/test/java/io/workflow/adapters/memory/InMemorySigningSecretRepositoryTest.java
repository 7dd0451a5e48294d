package io.workflow.adapters.memory;

import io.workflow.domain.port.SigningSecretRepository;
import io.workflow.domain.port.contract.SigningSecretRepositoryContract;

class InMemorySigningSecretRepositoryTest extends SigningSecretRepositoryContract {
    private final InMemorySigningSecretRepository repository = new InMemorySigningSecretRepository();

    @Override
    protected SigningSecretRepository repository() {
        return repository;
    }
}
