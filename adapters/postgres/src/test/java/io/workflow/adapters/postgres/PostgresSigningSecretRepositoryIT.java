package io.workflow.adapters.postgres;

import io.workflow.domain.port.SigningSecretRepository;
import io.workflow.domain.port.contract.SigningSecretRepositoryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresSigningSecretRepositoryIT extends SigningSecretRepositoryContract {
    @RegisterExtension
    static final PostgresTestDatabase.ClassStore db = new PostgresTestDatabase.ClassStore();

    @Override
    protected SigningSecretRepository repository() {
        return db.store.signingSecrets();
    }
}
