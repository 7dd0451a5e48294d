package io.workflow.adapters.postgres;

import io.workflow.domain.port.IdempotencyKeys;
import io.workflow.domain.port.contract.IdempotencyKeysContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class PostgresIdempotencyKeysIT extends IdempotencyKeysContract {
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
    protected IdempotencyKeys keys() {
        return store.idempotencyKeys();
    }
}
