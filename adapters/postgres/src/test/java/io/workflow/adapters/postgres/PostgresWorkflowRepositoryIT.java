package io.workflow.adapters.postgres;

import io.workflow.domain.port.WorkflowRepository;
import io.workflow.domain.port.contract.WorkflowRepositoryContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class PostgresWorkflowRepositoryIT extends WorkflowRepositoryContract {
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
    protected WorkflowRepository repository() {
        return store.workflows();
    }
}
