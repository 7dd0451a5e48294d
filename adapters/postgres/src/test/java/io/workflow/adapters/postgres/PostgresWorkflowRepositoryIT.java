package io.workflow.adapters.postgres;

import io.workflow.domain.port.SigningSecretRepository;
import io.workflow.domain.port.WorkflowRepository;
import io.workflow.domain.port.contract.WorkflowRepositoryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresWorkflowRepositoryIT extends WorkflowRepositoryContract {
    @RegisterExtension
    static final PostgresTestDatabase.ClassStore db = new PostgresTestDatabase.ClassStore();

    @Override
    protected WorkflowRepository repository() {
        return db.store.workflows();
    }

    @Override
    protected SigningSecretRepository signingSecrets() {
        return db.store.signingSecrets();
    }
}
