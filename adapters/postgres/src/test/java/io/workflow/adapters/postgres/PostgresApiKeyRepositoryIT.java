package io.workflow.adapters.postgres;

import io.workflow.domain.port.ApiKeyRepository;
import io.workflow.domain.port.contract.ApiKeyRepositoryContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class PostgresApiKeyRepositoryIT extends ApiKeyRepositoryContract {
    private static PostgresStore store;

    @BeforeAll
    static void openStore() {
        store = PostgresTestDatabase.openStore();
    }

    @AfterAll
    static void closeStore() {
        store.close();
    }

    @Override
    protected ApiKeyRepository repository() {
        return store.apiKeys();
    }
}
