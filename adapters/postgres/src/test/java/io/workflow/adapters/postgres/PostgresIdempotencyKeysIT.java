package io.workflow.adapters.postgres;

import io.workflow.domain.port.IdempotencyKeys;
import io.workflow.domain.port.contract.IdempotencyKeysContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresIdempotencyKeysIT extends IdempotencyKeysContract {
    @RegisterExtension
    static final PostgresTestDatabase.ClassStore db = new PostgresTestDatabase.ClassStore();

    @Override
    protected IdempotencyKeys keys() {
        return db.store.idempotencyKeys();
    }
}
