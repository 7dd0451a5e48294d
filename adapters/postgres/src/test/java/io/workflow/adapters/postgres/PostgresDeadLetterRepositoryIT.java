package io.workflow.adapters.postgres;

import io.workflow.domain.port.DeadLetterRepository;
import io.workflow.domain.port.contract.DeadLetterRepositoryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresDeadLetterRepositoryIT extends DeadLetterRepositoryContract {
    @RegisterExtension
    static final PostgresTestDatabase.ClassStore db = new PostgresTestDatabase.ClassStore();

    @Override
    protected DeadLetterRepository letters() {
        return db.store.deadLetters();
    }
}
