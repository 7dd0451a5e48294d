package io.workflow.adapters.postgres;

import io.workflow.domain.port.ApiKeyRepository;
import io.workflow.domain.port.contract.ApiKeyRepositoryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresApiKeyRepositoryIT extends ApiKeyRepositoryContract {
    @RegisterExtension
    static final PostgresTestDatabase.ClassStore db = new PostgresTestDatabase.ClassStore();

    @Override
    protected ApiKeyRepository repository() {
        return db.store.apiKeys();
    }
}
