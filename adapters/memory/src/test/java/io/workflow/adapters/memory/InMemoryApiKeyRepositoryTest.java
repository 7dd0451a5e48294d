package io.workflow.adapters.memory;

import io.workflow.domain.port.ApiKeyRepository;
import io.workflow.domain.port.contract.ApiKeyRepositoryContract;

class InMemoryApiKeyRepositoryTest extends ApiKeyRepositoryContract {
    private final InMemoryApiKeyRepository repository = new InMemoryApiKeyRepository();

    @Override
    protected ApiKeyRepository repository() {
        return repository;
    }
}
