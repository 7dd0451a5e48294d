package io.workflow.adapters.postgres;

import io.workflow.domain.port.SigningSecretRepository;
import io.workflow.domain.port.contract.SigningSecretRepositoryContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class PostgresSigningSecretRepositoryIT extends SigningSecretRepositoryContract {
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
    protected SigningSecretRepository repository() {
        return store.signingSecrets();
    }
}
