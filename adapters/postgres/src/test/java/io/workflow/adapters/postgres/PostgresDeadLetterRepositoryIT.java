package io.workflow.adapters.postgres;

import io.workflow.domain.port.DeadLetterRepository;
import io.workflow.domain.port.contract.DeadLetterRepositoryContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class PostgresDeadLetterRepositoryIT extends DeadLetterRepositoryContract {
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
    protected DeadLetterRepository letters() {
        return store.deadLetters();
    }
}
