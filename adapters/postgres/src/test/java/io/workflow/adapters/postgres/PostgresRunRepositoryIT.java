package io.workflow.adapters.postgres;

import io.workflow.domain.port.RunRepository;
import io.workflow.domain.port.WorkflowRepository;
import io.workflow.domain.port.contract.RunRepositoryContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class PostgresRunRepositoryIT extends RunRepositoryContract {
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
    protected RunRepository runs() {
        return store.runs();
    }

    @Override
    protected WorkflowRepository workflows() {
        return store.workflows();
    }
}
